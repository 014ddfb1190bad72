// libFuzzer entry point that calls builtins with extreme arguments: huge,
// zero, negative, NaN and infinite numbers, empty and zero-axis tensors,
// odd strings. The input bytes choose up to three calls, their positional
// arguments and keywords from the palettes below, and later calls may take
// earlier results. Built and run by Scripts/fuzz beside FuzzSoma; any trap,
// crash or sanitizer report is a bug (no arguments may crash Soma).
import Dispatch
import Foundation
import SomaLang
import SomaLibrary

/// Values a call may receive, as Soma source.
let palette: [String] = [
    "0", "1", "-1", "2", "3", "0.5", "-0.5", "7", "255", "1000",
    "2^31", "2^62", "2^63 - 1024", "-2^63", "1e20", "-1e20", "1e308", "5e-324",
    "1/0", "-1/0", "0/0",
    "[]", "[0]", "[1, 2, 3]", "[[1, 2], [3, 4]]", "[[1, 2], [2, 4]]", "[1/0, 0, -1/0]", "[0/0, 1]",
    "zeros(0)", "zeros(0, 3)", "zeros(3, 0)", "zeros(0, 0)", "zeros(2, 0, 3)", "ones(1, 1)",
    "rand(3, 3)", "rand(2, 3, 4)", "rand(5)", "eye(3)", "full(4, 4, 0/0)", "full(2, 2, 1/0)",
    "linspace(0, 1, 50)", "reshape(rand(16), 4, 4)", "rand(1, 40)", "rand(40, 1)",
    "\"\"", "\"x\"", "\"abc\"", "\"%999999d\"", "\"8.3f\"", "\"relu\"", "\"mse\"", "\"gray\"", "\"log\"",
    "\"x.png\"", "\"x.jpg\"", "\"/\"", "\"\\u{0}\"",
    "nil", "true", "false", "{}", "{a: 1}", "0..<3", "0..<0", "[\"a\", 1]", "[[], []]",
    "fn(x) = x", "fn(x) = 0/0", "fn(a, b) = a", "sum",
]

/// Keyword names builtins take that become sizes, counts, coordinates or modes.
let keywords: [String] = [
    "axis", "keepdims", "width", "height", "rows", "cols", "columns", "shape", "levels", "bins", "size",
    "dpi", "epochs", "batch", "lr", "seed", "T", "dt", "tau_m", "tau_ref", "tau_s", "n", "k", "reg",
    "ddof", "reverse", "key", "range", "alpha", "vmin", "vmax", "cmap", "marker", "label", "density",
    "patience", "decay", "momentum", "classes", "steps", "min", "max", "num", "step", "dim", "p",
]

/// Names that stop or slow the process for reasons that are not bugs.
let skipped: Set<String> = ["exit", "input", "sleep", "read_line"]

let echo = ProcessInfo.processInfo.environment["FUZZ_ECHO"] != nil

/// Reads choices from the fuzzer's bytes (zeros once they run out).
struct Choices {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position]) % n
    }
}

/// Builtin names with the keywords their signatures name, read once from a session.
let builtins: [(name: String, keywords: [String])] = {
    let session = Session(output: { _ in })
    // Native builtins and the Soma-written prelude functions.
    let names = Set(session.interpreter.builtinNames + session.globalNames)
    return names.filter { name in
        !skipped.contains(name) && name.first.map { $0.isLetter } == true
    }.sorted().map { name in
        // The signature is the doc's first line: `plot(x, y?, label:, width:)`.
        let signature = session.doc(name)?.split(separator: "\n").first.map(String.init) ?? ""
        var named: [String] = []
        var word = ""
        for c in signature {
            if c.isLetter || c.isNumber || c == "_" { word.append(c); continue }
            if c == ":", !word.isEmpty { named.append(word) }
            word = ""
        }
        return (name, named)
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard !builtins.isEmpty else { return 0 }
    var choices = Choices(bytes: UnsafeBufferPointer(start: data, count: size))
    var lines: [String] = []
    let calls = 1 + choices.next(3)
    for call in 0..<calls {
        let (name, ownKeywords) = builtins[choices.next(builtins.count)]
        var arguments: [String] = []
        func argument() -> String {
            // Earlier results (v0, v1) are arguments too.
            if call > 0, choices.next(4) == 0 { return "v\(choices.next(call))" }
            return palette[choices.next(palette.count)]
        }
        for _ in 0..<choices.next(4) { arguments.append(argument()) }
        var used: Set<String> = []
        for _ in 0..<choices.next(3) {
            // Mostly the builtin's own keywords; sometimes any (unknown keywords are errors too).
            let pool = ownKeywords.isEmpty || choices.next(8) == 0 ? keywords : ownKeywords
            let keyword = pool[choices.next(pool.count)]
            if used.insert(keyword).inserted { arguments.append("\(keyword): \(argument())") }
        }
        // One failing call should not hide the next: each runs in its own try.
        lines.append("v\(call) = nil")
        lines.append("try { v\(call) = \(name)(\(arguments.joined(separator: ", "))) } catch e { nil }")
    }
    // Drawing is where sizes and coordinates become pixels: render what the calls drew.
    lines.append("try { save(\"fuzz-builtins.png\", dpi: 20) } catch e { nil }")
    let text = lines.joined(separator: "\n") + "\nv\(calls - 1)\n"
    // FUZZ_ECHO=1 shows each generated program (to check what the fuzzer tries).
    if echo { FileHandle.standardError.write(Data((text + "----\n").utf8)) }
    let session = Session(output: { _ in })
    // Calls may run long (training, simulation); stop each run after a short budget, as Ctrl-C would.
    let watchdog = DispatchWorkItem { [weak session] in session?.interrupt() }
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(500), execute: watchdog)
    let source = SourceFile(name: "<fuzz-builtins>", text: text)
    let result = session.run(source)
    watchdog.cancel()
    _ = renderDiagnostics(result.diagnostics, source: source, color: false)
    if let value = result.value { _ = session.display(value) }
    return 0
}
