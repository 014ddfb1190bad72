import SomaCore
import SomaLang

// The tensor area of the library (LANGUAGE.md §7: Math, Construction, Linear
// algebra, Activations, Losses, Autodiff, random numbers). The builtins live
// in Library+Tensor*.swift by concern; this file assembles the section and
// holds the argument helpers they share.
extension Library {
    /// Builtins over SomaCore tensors.
    static var tensor: LibrarySection {
        LibrarySection(name: "tensor", builtins: tensorMath + tensorReductions + tensorConstruction
            + tensorDType + tensorLinearAlgebra + tensorActivations + tensorRandom + tensorAutodiff + tensorConvolution + tensorRecurrent)
    }

    /// A builtin whose tensor errors name it: "sum: axis 2 is out of range ...".
    static func tensorBuiltin(_ signature: String, doc: String,
                              _ body: @escaping (Arguments) throws -> Value) -> Builtin {
        Builtin(signature, doc: doc) { args in
            do {
                return try body(args)
            } catch let error as TensorError {
                let e = SomaError(error)
                let alreadyNamed = e.message.hasPrefix(args.callee + ":") || e.message.hasPrefix(args.callee + " ")
                let named = alreadyNamed ? e.message : "\(args.callee): \(e.message)"
                throw SomaError(e.kind, named)
            }
        }
    }
}

extension Arguments {
    /// A shape given either as separate integers (`zeros(3, 4)`) or as one
    /// list/tensor (`zeros([3, 4])`, `zeros(x.shape)`), from position `index` on.
    func shape(from index: Int, _ name: String) throws -> [Int] {
        let given = Array(rest(from: index))
        if given.count == 1, let only = given.first {
            switch only {
            case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .number = $0 { return true } else { return false } }):
                // `reshape(x, [2, 5])`: whole numbers read straight from the list, no tensor built.
                return try items.map { v in
                    guard case .number(let x) = v else { return 0 }
                    return try wholeNumber(x, name)
                }
            case .list, .tensor:
                return try only.asTensor().data.map { try wholeNumber($0, name) }
            default: break
            }
        }
        return try given.map { v in
            guard let x = v.numberValue ?? (v.tensorValue.flatMap { $0.count == 1 ? $0.data[0] : nil }) else {
                throw SomaError.type("\(callee): '\(name)' must be whole numbers, got \(v.typeName)")
            }
            return try wholeNumber(x, name)
        }
    }

    /// `x` as an integer, or an error naming this call and parameter.
    func wholeNumber(_ x: Double, _ name: String) throws -> Int {
        guard let n = Int(exactly: x) else {
            throw SomaError.value("\(callee): '\(name)' must be an integer, got \(x)")
        }
        return n
    }

    /// The optional `axis:` keyword (nil means every element).
    func axis() throws -> Int? { try keywordInt("axis") }

    /// The `keepdims:` keyword (default false).
    func keepdims() throws -> Bool { try keywordBool("keepdims", default: false) }
}
