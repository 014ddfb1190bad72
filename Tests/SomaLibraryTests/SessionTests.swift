#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import SomaLang
import SomaLibrary

/// The host-facing behaviour of `Session`: values, display, completion,
/// docs, reset, interrupts and errors as data.
struct SessionTests {
    @Test func finalExpressionIsTheValue() {
        let session = Session(output: { _ in })
        #expect(session.run("x = 2\nx * 21").value.map(session.display) == "42")
        #expect(session.run("x * 21;").value == nil)
        #expect(session.run("y = 3").value == nil)
        #expect(session.run("nil").value == nil)
        #expect(session.run("\"hi\"").value.map(session.display) == "\"hi\"")
    }

    @Test func printGoesToTheSink() {
        var printed = ""
        let session = Session(output: { printed += $0 })
        _ = session.run("print(\"a\", 1)")
        #expect(printed == "a 1\n")
    }

    @Test func errorsAreDiagnosticsWithSpans() throws {
        let session = Session(output: { _ in })
        let result = session.run("a = 1\nb = a + [1, 2] @ [1, 2, 3]")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .shape)
        #expect(diagnostic.span?.start.line == 2)
        #expect(diagnostic.span?.start.column == 9)
        let syntax = session.run("x = (1 + ")
        #expect(syntax.diagnostics.first?.kind == .syntax)
        // The session keeps going after errors.
        #expect(session.run("a + 1").value.map(session.display) == "2")
    }

    @Test func builtinErrorsPointAtTheCall() throws {
        let session = Session(output: { _ in })
        let result = session.run("len(5)")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .type)
        #expect(diagnostic.span?.start.column == 1)
        #expect(diagnostic.span?.end.column == 7)
    }

    @Test func globalsCompletionAndDocs() {
        let session = Session(output: { _ in })
        _ = session.run("rate = 40\n## Doubles x.\nfn twice(x) = 2 * x\nr = {alpha: 1, beta: 2}")
        #expect(session.globalNames == ["rate", "twice", "r"])
        #expect(session.completions(prefix: "ra").contains("rate"))
        #expect(session.completions(prefix: "ra").contains("range"))
        #expect(session.completions(prefix: "whi") == ["while"])
        #expect(session.completions(prefix: "r.al") == ["r.alpha"])
        #expect(session.doc("twice") == "twice(x)\nDoubles x.")
        #expect(session.doc("len")?.hasPrefix("len(x)") == true)
        #expect(session.doc("no_such_name") == nil)
    }

    @Test func resetForgetsEverything() {
        let session = Session(output: { _ in })
        _ = session.run("secret = 1")
        session.reset()
        #expect(session.globalNames.isEmpty)
        #expect(session.run("secret").diagnostics.first?.kind == .name)
        #expect(session.run("square(4)").value.map(session.display) == "16")
    }

    @Test func interruptStopsALoop() throws {
        let session = Session(output: { _ in })
        let box = ResultBox()
        var thread = pthread_t()
        let context = Unmanaged.passRetained(InterruptJob(session: session, box: box)).toOpaque()
        #expect(pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let job = Unmanaged<InterruptJob>.fromOpaque(raw).takeRetainedValue()
            job.box.result = job.session.run("n = 0\nwhile true { n += 1 }")
            return nil
        }, context) == 0)
        usleep(200_000)
        session.interrupt()
        pthread_join(thread, nil)
        let diagnostic = try #require(box.result?.diagnostics.first)
        #expect(diagnostic.kind == .interrupt)
        // The next run is not interrupted.
        #expect(session.run("1 + 1").value.map(session.display) == "2")
    }

    @Test func nativeStackGuardStopsRecursion() throws {
        let session = Session(output: { _ in })
        session.interpreter.maxCallDepth = 100_000_000
        let result = session.run("fn f(n) = if n == 0 { 0 } else { 1 + f(n - 1) * 1 }\nf(10000000)")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.kind == .limit)
        #expect(session.run("f(100)").value.map(session.display) == "100")
    }

    @Test func exitRequestsAStatus() {
        let session = Session(output: { _ in })
        let result = session.run("try { exit(3) } catch { print(\"not caught\") }")
        #expect(result.exitCode == 3)
        #expect(result.diagnostics.isEmpty)
    }

    @Test func nativeCallbacksReachSomaFunctions() throws {
        let session = Session(output: { _ in })
        _ = session.run("fn f(x, k = 1) = x * 10 + k")
        let f = try #require(session.interpreter.global("f"))
        let value = try session.context.call(f, [Value(2)], keywords: [(name: "k", value: Value(5))])
        #expect(session.display(value) == "25")
    }

    @Test func runEndHooksSeeEveryRun() {
        let session = Session(output: { _ in })
        var runs = 0
        session.hooks.append { _ in runs += 1 }
        _ = session.run("1")
        _ = session.run("error(\"x\")")
        #expect(runs == 2)
    }
}

/// The interrupted run's result; the thread hands it over through `pthread_join`.
final class ResultBox {
    var result: RunResult?
}

final class InterruptJob {
    let session: Session
    let box: ResultBox
    init(session: Session, box: ResultBox) {
        self.session = session
        self.box = box
    }
}
