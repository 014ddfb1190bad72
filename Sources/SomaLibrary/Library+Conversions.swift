import SomaCore
import SomaLang

extension Library {
    /// `int` and `float` with Python's meaning, for code written the Python way.
    static var conversions: LibrarySection {
        LibrarySection(name: "conversions", builtins: [
            Builtin("int(x)", doc: """
                x as a whole number, truncated toward zero as Python's int.
                x is a number, true/false, a string of digits, or a tensor (elementwise).
                floor, round and ceil round the other ways.
                Example: int(3.7) == 3 and int(-3.7) == -3 and int("42") == 42
                """) { args in
                let x = try args.value(0, "x")
                switch x {
                case .string(let s):
                    let text = s.trimmingWhitespace()
                    guard let n = Int(text) else {
                        throw SomaError(.value, "int: cannot read a whole number from \(quotedText(s))",
                                        notes: Double(text) == nil ? [] : ["int(num(s)) truncates a decimal string"])
                    }
                    return .number(Double(n))
                case .tensor(let box):
                    let t = box.tensor
                    return Value(Tensor(shape: t.shape, data: t.data.map { $0.rounded(.towardZero) }))
                default:
                    let n = try args.number(0, "x")
                    guard n.isFinite else { throw SomaError.value("int: cannot make a whole number of \(formatNumber(n))") }
                    return .number(n.rounded(.towardZero))
                }
            },
            Builtin("float(x)", doc: """
                x as a number, as Python's float.
                Parses a string ("2.5", "inf", "nan"), turns true/false into 1/0, keeps numbers and tensors.
                Example: float("2.5") == 2.5
                """) { args in
                let x = try args.value(0, "x")
                switch x {
                case .string(let s):
                    guard let n = Double(s.trimmingWhitespace()) else {
                        throw SomaError.value("float: cannot read a number from \(quotedText(s))")
                    }
                    return .number(n)
                case .tensor: return x
                default: return .number(try args.number(0, "x"))
                }
            },
        ])
    }
}
