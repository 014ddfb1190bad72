import SomaLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Library {
    /// Core builtins: printing, conversion, containers and higher-order functions.
    static var core: LibrarySection {
        LibrarySection(name: "core", builtins: coreBasics + coreContainers + coreFunctional)
    }

    /// Printing, conversions, help, assertions, errors.
    static var coreBasics: [Builtin] {
        [
            Builtin("print(values..., sep: \" \", end: \"\\n\")", doc: """
                Writes the values separated by spaces (strings without quotes), then a line break.
                Example: print("rate", 40, "Hz")  # prints: rate 40 Hz
                """) { args in
                let sep = try args.keywordString("sep", default: " ")
                let end = try args.keywordString("end", default: "\n")
                args.context.output.write(args.positional.map(\.textString).joined(separator: sep) + end)
                return .nil
            },
            Builtin("str(x)", doc: """
                x as text: strings unchanged, everything else as it is displayed.
                Example: str(0.5) == "0.5"
                """, unary: { .string($0.textString) }) { args in
                .string(try args.value(0, "x").textString)
            },
            Builtin("repr(x)", doc: """
                x as it is displayed in the REPL (strings quoted).
                Example: repr("a") == "\\"a\\""
                """) { args in
                .string(try args.value(0, "x").displayString)
            },
            Builtin("num(x)", doc: """
                x as a number: parses a string, turns true/false into 1/0, unwraps a one-element tensor.
                Example: num("2.5") == 2.5
                """) { args in
                let x = try args.value(0, "x")
                if case .string(let s) = x {
                    let text = s.trimmingWhitespace()
                    guard let n = Double(text) else { throw SomaError.value("num: cannot read a number from \(quotedText(s))") }
                    return .number(n)
                }
                return .number(try args.number(0, "x"))
            },
            Builtin("type(x)", doc: """
                The kind of x as a string: nil, bool, number, string, tensor, list, record, range, function, or an object's type.
                Example: type([1, 2]) == "tensor"
                """) { args in
                .string(try args.value(0, "x").typeName)
            },
            Builtin("help(f?)", doc: """
                Shows the signature and documentation of a function, an object or one of its members.
                Builtins, `##`-documented functions and object members (`help(net.learn)`) all
                have docs; without an argument, lists every builtin. On a terminal the text is
                wrapped to its width, as the REPL's `:doc` wraps it.
                Example: help(lif_rate)
                """) { args in
                let columns = args.context.outputScreen?.size().columns
                func fitted(_ text: String) -> String { columns.map { DocWrap.wrapped(text, columns: $0) } ?? text }
                guard let f = args.optional(0, "f") else {
                    let names = args.context.builtinNames.joined(separator: " ")
                    let stdlib = args.context.documentedPreludeNames.joined(separator: " ")
                    args.context.output.write("help(f) shows what f does. Builtins:\n" + fitted(names)
                                              + "\nStdlib functions (written in Soma):\n" + fitted(stdlib) + "\n")
                    return .nil
                }
                let text: String
                if case .string(let name) = f {
                    text = args.context.doc(name) ?? DocCatalog.entry(named: name)?.helpText ?? "no documentation for '\(name)'"
                } else if let help = f.helpText {
                    text = help
                } else {
                    text = "\(f.displayString) is a \(f.typeName), not a function"
                }
                args.context.output.write(fitted(text) + "\n")
                return .nil
            },
            Builtin("assert(cond, msg = \"assertion failed\")", doc: """
                Stops with error[user] and the message when cond is false or nil.
                Example:
                    x = [1, 2, 3]
                    assert(len(x) == 3, "x needs three elements")
                """) { args in
                let cond = try args.value(0, "cond")
                let message = args.optional(1, "msg").map { $0.textString } ?? "assertion failed"
                let holds: Bool
                switch cond {
                case .bool(let b): holds = b
                case .nil: holds = false
                case .tensor(let box): holds = box.tensor.data.allSatisfy { $0 != 0 }
                default: holds = true
                }
                if !holds { throw SomaError.user(message) }
                return .nil
            },
            Builtin("error(msg)", doc: """
                Stops with error[user] and the message; `try ... catch e` can catch it.
                Example:
                    fn rate(v) = if v < 0 { error("v must not be negative") } else { lif_rate(v) }
                    try { rate(-1) } catch e { print(e.message) }
                """) { args in
                throw SomaError.user(try args.value(0, "msg").textString)
            },
            Builtin("exit(code = 0)", doc: """
                Ends the script (or the REPL, or a notebook run) with the given exit status, 0 to 255.
                In a notebook, later cells are not run.
                Example: if len(digits().labels) != 1797 { exit(1) }
                """) { args in
                let code = try args.optional(0, "code").map { _ in try args.int(0, "code") } ?? 0
                // The system keeps only the low 8 bits: exit(256) would read as success.
                guard (0...255).contains(code) else {
                    throw SomaError.value("exit: the status must be a whole number from 0 to 255, got \(code)")
                }
                throw ExitRequest(code: code)
            },
            Builtin("clock()", doc: """
                Seconds from an arbitrary start, with sub-microsecond resolution: subtract two readings to time code.
                Example:
                    t0 = clock(); lif(1.5, T: 1s)
                    print("took", clock() - t0, "s")
                """) { _ in
                var now = timespec()
                clock_gettime(CLOCK_MONOTONIC, &now)
                return .number(Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9)
            },
        ]
    }
}

/// A string in quotes, for error messages.
func quotedText(_ s: String) -> String {
    Value.string(s).displayString
}
