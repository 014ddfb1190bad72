// libFuzzer entry point: every input is parsed and run in a fresh Session.
// Built by Scripts/fuzz with `--sanitize fuzzer --sanitize address`; any trap,
// crash or sanitizer report is a bug: no input may crash Soma.
import Dispatch
import SomaLang
import SomaLibrary

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = Session(output: { _ in })
    // Programs may loop forever; stop each after a short budget, as Ctrl-C would.
    let watchdog = DispatchWorkItem { [weak session] in session?.interrupt() }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(250), execute: watchdog)
    let result = session.run(SourceFile(name: "<fuzz>", text: text))
    watchdog.cancel()
    _ = renderDiagnostics(result.diagnostics, source: SourceFile(name: "<fuzz>", text: text), color: false)
    if let value = result.value { _ = session.display(value) }
    return 0
}
