import SomaCore
import SomaLang

extension Library {
    /// Elementwise functions, `dot`, `outer`, `norm`, `clip` and `where`.
    static var tensorMath: [Builtin] {
        // Name, doc (summary, details) and example of each elementwise function.
        let unary: [(UnaryOp, String, String, String)] = [
            (.abs, "abs", "The absolute value, elementwise.\nIts gradient at 0 is 0.", "abs([-2, 0, 3])  # [2, 0, 3]"),
            (.sqrt, "sqrt", "The square root, elementwise.\nIts gradient is infinite at 0.", "sqrt([4, 9])  # [2, 3]"),
            (.exp, "exp", "e raised to x, elementwise.", "exp([0, 1])  # [1, 2.718]"),
            (.log, "log", "The natural logarithm, elementwise (-inf at 0, NaN below).", "log([1, e])  # [0, 1]"),
            (.sin, "sin", "The sine (radians), elementwise.", "t = linspace(0, 1, 100); plot(t, sin(2 * pi * 3 * t))"),
            (.cos, "cos", "The cosine (radians), elementwise.", "cos([0, pi])  # [1, -1]"),
            (.tan, "tan", "The tangent (radians), elementwise.", "tan(pi / 4)  # 1"),
            (.tanh, "tanh", "The hyperbolic tangent, elementwise; an activation with outputs in (-1, 1).",
             "z = linspace(-3, 3, 61); plot(z, tanh(z))"),
            (.arctan, "arctan", "The inverse tangent, elementwise; an activation with outputs in (-pi/2, pi/2).",
             "arctan([0, 1])  # [0, 0.785]"),
            (.floor, "floor", "The largest whole number not above x, elementwise (gradient 0).", "floor([2.7, -2.7])  # [2, -3]"),
            (.ceil, "ceil", "The smallest whole number not below x, elementwise (gradient 0).", "ceil([2.2, -2.7])  # [3, -2]"),
            (.round, "round", "The nearest whole number, elementwise (gradient 0).\nHalves go to the even neighbour, as in numpy.",
             "round([0.5, 1.5, 2.6])  # [0, 2, 3]"),
            (.sign, "sign", "-1, 0 or 1 by the sign of x, elementwise (gradient 0).", "sign([-3, 0, 2])  # [-1, 0, 1]"),
        ]
        var builtins = unary.map { op, name, doc, example in
            tensorBuiltin("\(name)(x)", doc: doc + "\nExample: " + example) { args in
                Value(try Tensor.unary(op, args.tensor(0, "x")))
            }
        }
        builtins += [
            tensorBuiltin("dot(a, b)", doc: """
                Dot product of vectors; for matrices the matrix product (as a @ b).
                Example: dot([1, 2], [3, 4]) == 11
                """) { args in
                Value(try args.tensor(0, "a").matmul(args.tensor(1, "b")))
            },
            tensorBuiltin("outer(a, b)", doc: """
                Outer product: entry [i, j] is a[i] * b[j] (inputs are flattened).
                Example: outer([1, 2], [1, 10, 100])  # shape [2, 3]
                """) { args in
                Value(try args.tensor(0, "a").outer(args.tensor(1, "b")))
            },
            tensorBuiltin("norm(x, axis:, keepdims: false)", doc: """
                Euclidean length of a vector (Frobenius norm of a matrix), or along `axis`.
                Its gradient is NaN at the zero vector.
                Example: norm([3, 4]) == 5
                """) { args in
                Value(try args.tensor(0, "x").norm(axis: args.axis(), keepdims: args.keepdims()))
            },
            tensorBuiltin("clip(x, lo, hi)", doc: """
                x limited to [lo, hi] elementwise; pass nil for a missing bound.
                Example: clip([-2, 0.5, 3], 0, 1)  # [0, 0.5, 1]
                """) { args in
                let lo = try args.optional(1, "lo").flatMap { $0.isNil ? nil : try args.number(1, "lo") }
                let hi = try args.optional(2, "hi").flatMap { $0.isNil ? nil : try args.number(2, "hi") }
                return Value(try args.tensor(0, "x").clipped(lo, hi))
            },
            tensorBuiltin("where(cond, a, b)", doc: """
                a where cond is non-zero, else b; the three broadcast together.
                The gradient flows to whichever of a and b was chosen.
                Example:
                    x = [-1, 2, -3]
                    where(x > 0, x, 0)   # [0, 2, 0], as relu(x)
                """) { args in
                Value(try Tensor.select(args.tensor(0, "cond"), args.tensor(1, "a"), args.tensor(2, "b")))
            },
            tensorBuiltin("transpose(x, axes...)", doc: """
                The axes of x reversed, or permuted as given (axis i of the result is axes[i] of x).
                Example: transpose(zeros(2, 3, 4), 2, 0, 1)  # shape [4, 2, 3]
                """) { args in
                let x = try args.tensor(0, "x")
                let axes = try args.shape(from: 1, "axes")
                return Value(try x.transposed(axes.isEmpty ? nil : axes))
            },
        ]
        return builtins
    }

    /// Reductions: sum mean std var prod min max argmax argmin any all.
    static var tensorReductions: [Builtin] {
        typealias Reduce = (Tensor, Int?, Bool) throws -> Tensor
        let plain: [(String, String, Reduce)] = [
            ("sum", "Sum of the elements, or along `axis`.\nExample: sum([[1, 2], [3, 4]], axis: 0)  # [4, 6]", { try $0.sum(axis: $1, keepdims: $2) }),
            ("mean", "Mean of the elements, or along `axis`.\nExample: mean([1, 2, 3, 4]) == 2.5", { try $0.mean(axis: $1, keepdims: $2) }),
            ("prod", "Product of the elements, or along `axis`.\nExample: prod([1, 2, 3, 4]) == 24", { try $0.prod(axis: $1, keepdims: $2) }),
            ("argmax", "Position of the first largest element (flat when no axis), or along `axis`.\nExample: argmax([3, 9, 2]) == 1", { try $0.argmax(axis: $1, keepdims: $2) }),
            ("argmin", "Position of the first smallest element (flat when no axis), or along `axis`.\nExample: argmin([3, 9, 2]) == 2", { try $0.argmin(axis: $1, keepdims: $2) }),
            ("any", "true if any element is non-zero, else false; along `axis`, a tensor of 1/0.\nExample: any([0.2, 1.5, 0.7] > 1) == true", { try $0.any(axis: $1, keepdims: $2) }),
            ("all", "true if every element is non-zero, else false; along `axis`, a tensor of 1/0.\nExample: all(abs([1, 2] - [1, 2.0000001]) < 1e-6) == true", { try $0.all(axis: $1, keepdims: $2) }),
        ]
        var builtins = plain.map { name, doc, reduce in
            // any/all over a whole tensor answer a question: a bool, usable in conditions.
            let logical = name == "any" || name == "all"
            return tensorBuiltin("\(name)(x, axis:, keepdims: false)", doc: doc) { args in
                let axis = try args.axis()
                let reduced = try reduce(args.tensor(0, "x"), axis, args.keepdims())
                if logical && axis == nil { return .bool(reduced.data.contains { $0 != 0 }) }
                return Value(reduced)
            }
        }
        builtins += [
            tensorBuiltin("var(x, axis:, keepdims: false, ddof: 0)", doc: """
                Variance mean((x - mean(x))^2), or along `axis`; `ddof: 1` divides by n - 1.
                Example: var([1, 2, 3, 4]) == 1.25
                """) { args in
                Value(try args.tensor(0, "x").variance(axis: args.axis(), keepdims: args.keepdims(),
                                                       ddof: args.keywordInt("ddof", default: 0)))
            },
            tensorBuiltin("std(x, axis:, keepdims: false, ddof: 0)", doc: """
                Standard deviation (square root of var), or along `axis`.
                Example: std([1, 3]) == 1
                """) { args in
                Value(try args.tensor(0, "x").std(axis: args.axis(), keepdims: args.keepdims(),
                                                  ddof: args.keywordInt("ddof", default: 0)))
            },
            extremum("max", .maximum, largest: true),
            extremum("min", .minimum, largest: false),
        ]
        return builtins
    }

    /// `max(x)` reduces; `max(a, b, ...)` is the elementwise maximum.
    private static func extremum(_ name: String, _ op: BinaryOp, largest: Bool) -> Builtin {
        let word = largest ? "largest" : "smallest"
        return tensorBuiltin("\(name)(x, more..., axis:, keepdims: false)", doc: """
            The \(word) element of x (or along `axis`); with several arguments, the \(word) of them elementwise.
            Example:
                \(name)([3, 9, 2]) == \(largest ? 9 : 2)
                \(name)([-1, 2], 0)   # compares every element with 0: [\(largest ? "0, 2" : "-1, 0")]
            """) { args in
            var x = try args.tensor(0, "x")
            let more = args.rest(from: 1)
            if more.isEmpty {
                return Value(largest ? try x.max(axis: args.axis(), keepdims: args.keepdims())
                                     : try x.min(axis: args.axis(), keepdims: args.keepdims()))
            }
            for v in more { x = try Tensor.binary(op, x, v.asTensor()) }
            return Value(x)
        }
    }
}
