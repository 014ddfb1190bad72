import SomaCore
import SomaLang

extension Library {
    /// Making, reshaping and joining tensors.
    static var tensorConstruction: [Builtin] {
        [
            tensorBuiltin("zeros(dims..., dtype: \"float64\")", doc: """
                A tensor of zeros; dims as separate numbers or one list.
                dtype is "float64" (the default) or "float32".
                Example: zeros(2, 3)   # also zeros([2, 3])
                """) { args in
                Value(try Tensor.zeros(args.shape(from: 0, "dims"), dtype: args.dtype()))
            },
            tensorBuiltin("ones(dims..., dtype: \"float64\")", doc: """
                A tensor of ones; dims as separate numbers or one list.
                dtype is "float64" (the default) or "float32".
                Example: ones(3)  # [1, 1, 1]
                """) { args in
                Value(try Tensor.ones(args.shape(from: 0, "dims"), dtype: args.dtype()))
            },
            tensorBuiltin("full(shape, value, dtype: \"float64\")", doc: """
                A tensor of the given shape (a number or a list) filled with value.
                Example: full([2, 2], 7)
                """) { args in
                let shape = try args.value(0, "shape").asTensor().data.map { try args.wholeNumber($0, "shape") }
                return Value(try Tensor.full(shape, args.number(1, "value")).astype(args.dtype()))
            },
            tensorBuiltin("eye(n, m?)", doc: """
                The n x n identity matrix (n x m when m is given).
                Example: eye(3) @ [1, 2, 3]   # [1, 2, 3]
                """) { args in
                let m: Int? = args.optional(1, "m") == nil ? nil : try args.int(1, "m")
                return Value(try Tensor.eye(args.int(0, "n"), m))
            },
            tensorBuiltin("linspace(start, stop, n?)", doc: """
                n evenly spaced numbers from start to stop, both included (n defaults to 50).
                Example: linspace(0, 1, 5)  # [0, 0.25, 0.5, 0.75, 1]
                """) { args in
                let n = args.optional(2, "n") == nil ? 50 : try args.int(2, "n")
                return Value(try Tensor.linspace(args.number(0, "start"), args.number(1, "stop"), n))
            },
            tensorBuiltin("arange(start, stop?, step?)", doc: """
                The numbers from start up to (not including) stop in steps of step, as numpy's arange.
                arange(n) counts 0 ..< n.
                Example: arange(0, 1, 0.25)  # [0, 0.25, 0.5, 0.75]
                """) { args in
                let a = try args.number(0, "start")
                guard args.optional(1, "stop") != nil else { return Value(try Tensor.arange(0, a)) }
                let step = args.optional(2, "step") == nil ? 1 : try args.number(2, "step")
                return Value(try Tensor.arange(a, args.number(1, "stop"), step))
            },
            tensorBuiltin("reshape(x, dims...)", doc: """
                The elements of x under a new shape (same count); one dimension may be -1.
                Example: reshape(arange(6), 2, -1)  # shape [2, 3]
                """) { args in
                Value(try args.tensor(0, "x").reshaped(args.shape(from: 1, "dims")))
            },
            tensorBuiltin("stack(xs, axis: 0)", doc: """
                Joins a list of equal-shaped tensors along a new axis.
                Example:
                    x = linspace(0, 1, 5)
                    stack([x, x^2], axis: 1)   # shape [5, 2]: one row per sample
                """) { args in
                Value(try Tensor.stack(tensorList(args, 0, "xs"), axis: args.keywordInt("axis", default: 0)))
            },
            tensorBuiltin("concat(xs, axis: 0)", doc: """
                Joins a list of tensors along an existing axis (other extents must agree).
                Example: concat([zeros(2, 3), ones(1, 3)])  # shape [3, 3]
                """) { args in
                Value(try Tensor.concat(tensorList(args, 0, "xs"), axis: args.keywordInt("axis", default: 0)))
            },
            tensorBuiltin("repeat(x, n, axis:)", doc: """
                Each element repeated n times, along `axis` (x flattened first when no axis), as numpy.
                Example: repeat([1, 2], 2)  # [1, 1, 2, 2]
                """) { args in
                Value(try args.tensor(0, "x").repeated(args.int(1, "n"), axis: args.axis()))
            },
            tensorBuiltin("tile(x, reps)", doc: """
                x tiled reps times (a number, or a list with one count per axis), as numpy.
                Example: tile([1, 2], 2)  # [1, 2, 1, 2]
                """) { args in
                let reps = try args.value(1, "reps").asTensor().data.map { try args.wholeNumber($0, "reps") }
                return Value(try args.tensor(0, "x").tiled(reps))
            },
            tensorBuiltin("onehot(labels, k)", doc: """
                One row of k zeros per label with a 1 at the label's position.
                Example: onehot([0, 2], 3)  # [[1, 0, 0], [0, 0, 1]]
                """) { args in
                Value(try Tensor.onehot(args.tensor(0, "labels"), classes: args.int(1, "k")))
            },
        ]
    }

    /// A list argument whose items are tensors (or numbers/lists of numbers); a
    /// tensor argument counts as the list of its rows.
    static func tensorList(_ args: Arguments, _ index: Int, _ name: String) throws -> [Tensor] {
        let items = try args.list(index, name)
        return try items.enumerated().map { i, v in
            do { return try v.asTensor() } catch {
                throw SomaError.type("\(args.callee): item \(i) of '\(name)' must be a tensor, got \(v.typeName)")
            }
        }
    }
}
