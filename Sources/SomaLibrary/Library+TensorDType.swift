import SomaCore
import SomaLang

extension Library {
    /// Element types: `dtype:` on constructors, `astype`, `tensor(x, dtype:)`.
    static var tensorDType: [Builtin] {
        [
            tensorBuiltin("tensor(x, dtype: \"float64\")", doc: """
                x (a number, a list of numbers or a tensor) as a tensor of the given dtype.
                dtype is "float64" (the default) or "float32" (half the memory, twice the speed of products).
                Example: tensor([1, 2, 3], dtype: "float32")
                """) { args in
                let x = try args.value(0, "x").asTensor()
                return .tensor(TensorBox(x.astype(try args.dtype())))
            },
            tensorBuiltin("astype(x, dtype)", doc: """
                x converted to dtype ("float64" or "float32"); the same as x.astype(dtype).
                Gradients flow through it and come back in x's dtype.
                Example: astype(rand(3), "float32").dtype == "float32"
                """) { args in
                let x = try args.tensor(0, "x")
                return Value(x.astype(try parseDType(args.string(1, "dtype"), callee: args.callee)))
            },
        ]
    }

    /// `name` as a dtype, or an error listing the dtypes Soma has.
    static func parseDType(_ name: String, callee: String) throws -> DType {
        guard let d = DType(rawValue: name) else {
            let names = DType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw SomaError.value("\(callee): dtype must be one of \(names), got \"\(name)\"")
        }
        return d
    }
}

extension Arguments {
    /// The checked `dtype:` keyword; float64 when it is not given.
    func dtype() throws -> DType {
        guard let name = try keywordString("dtype") else { return .float64 }
        return try Library.parseDType(name, callee: callee)
    }
}
