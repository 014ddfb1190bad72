import SomaCore
import SomaLang

extension Library {
    /// `grad` and `numgrad`.
    ///
    /// `grad(f)` needs no tape: it calls `f` on tracked copies of the argument,
    /// and every tensor operation inside (through any Soma control flow) records
    /// how its output was made; `backward` then walks that graph.
    static var tensorAutodiff: [Builtin] {
        [
            tensorBuiltin("grad(f, argnum: 0)", doc: """
                A function giving the gradient of the scalar function f with respect to argument `argnum`.
                When that argument is a list or record of tensors, the gradient has the same structure.
                Example:
                    df = grad(fn(x) = sum(x^2))
                    df([1, 2])  # [2, 4]
                """) { args in
                let f = try args.function(0, "f")
                let argnum = try args.keywordInt("argnum", default: 0)
                guard argnum >= 0 else { throw SomaError.value("grad: argnum must not be negative, got \(argnum)") }
                var name = "f"
                if case .function(let function) = f { name = function.name }
                let doc = "The gradient of \(name) with respect to its argument \(argnum), at the arguments given."
                return Value(Builtin("grad(args...)", doc: doc) { inner in
                    try gradient(of: f, argnum: argnum, inner)
                })
            },
            tensorBuiltin("value_and_grad(f, argnum: 0)", doc: """
                Like grad(f), but the function it returns gives [f(args...), gradient].
                The value comes from the same forward pass, so training loops that report the
                loss do not evaluate f twice.
                Example:
                    vg = value_and_grad(fn(x) = sum(x^2))
                    loss, g = vg([1, 2])   # 5 and [2, 4]
                """) { args in
                let f = try args.function(0, "f")
                let argnum = try args.keywordInt("argnum", default: 0)
                guard argnum >= 0 else { throw SomaError.value("value_and_grad: argnum must not be negative, got \(argnum)") }
                var name = "f"
                if case .function(let function) = f { name = function.name }
                let doc = "The value of \(name) and its gradient with respect to its argument \(argnum), at the arguments given."
                return Value(Builtin("value_and_grad(args...)", doc: doc) { inner in
                    let (y, g) = try valueAndGradient(of: f, argnum: argnum, inner, who: "value_and_grad")
                    return .list([.number(try y.scalar()), g])
                })
            },
            tensorBuiltin("numgrad(f, x, h: 1e-5)", doc: """
                The gradient of the scalar function f at x by central differences, a check for grad.
                Each element is (f(x + h) - f(x - h)) / 2h.
                Example:
                    f = fn(x) = sum(x^3)
                    relative_error(grad(f)([1, 2]), numgrad(f, [1, 2])) < 1e-8
                """) { args in
                let f = try args.function(0, "f")
                let x = try args.tensor(1, "x")
                guard x.node == nil else { throw nestedGrad("numgrad") }
                let h = try args.keywordNumber("h", default: 1e-5)
                guard h > 0, h.isFinite else { throw SomaError.value("numgrad: h must be positive, got \(h)") }
                let g = try numericalGradient(of: { probe in
                    let y = try args.context.call(f, [Value(probe)])
                    return try scalarOutput(y, "numgrad")
                }, at: x, h: h)
                return Value(g)
            },
        ]
    }

    /// Calls `f` with argument `argnum` replaced by tracked leaves and returns
    /// the gradient shaped like that argument.
    private static func gradient(of f: Value, argnum: Int, _ args: Arguments) throws -> Value {
        try valueAndGradient(of: f, argnum: argnum, args).1
    }

    /// `gradient(of:)` together with the function's value at the arguments.
    private static func valueAndGradient(of f: Value, argnum: Int, _ args: Arguments,
                                         who: String = "grad") throws -> (Tensor, Value) {
        guard argnum < args.count else {
            throw SomaError.type("\(who): the function takes argument \(argnum), but only \(args.count) were given")
        }
        var leaves: [Tensor] = []
        var call = Array(args.positional)
        let argument = call[argnum]
        call[argnum] = try trackedCopy(argument, &leaves)
        let y = try scalarOutput(args.context.call(f, call, keywords: args.keywords), who)
        var grads = try backward(y, wrt: leaves).makeIterator()
        return (y.detached, rebuild(argument, &grads))
    }

    /// `value` with every tensor (or number) replaced by a tracked leaf, appended to `leaves` in order.
    private static func trackedCopy(_ value: Value, _ leaves: inout [Tensor]) throws -> Value {
        switch value {
        case .number, .tensor:
            let x = try value.asTensor()
            guard x.node == nil else { throw nestedGrad("grad") }
            let leaf = Tensor.leaves([x])[0]
            leaves.append(leaf)
            return .tensor(TensorBox(leaf))
        case .list(let items):
            return .list(try items.map { try trackedCopy($0, &leaves) })
        case .record(let record):
            return .record(Record(pairs: try record.fields.map { ($0, try trackedCopy($1, &leaves)) }))
        default:
            throw SomaError.type("grad: can differentiate with respect to numbers, tensors, and lists or records of them, not \(value.typeName)")
        }
    }

    /// The gradients in the shape of `value`, consumed in `trackedCopy`'s order.
    private static func rebuild(_ value: Value, _ grads: inout IndexingIterator<[Tensor]>) -> Value {
        switch value {
        case .list(let items):
            return .list(items.map { rebuild($0, &grads) })
        case .record(let record):
            return .record(Record(pairs: record.fields.map { ($0, rebuild($1, &grads)) }))
        default:
            return grads.next().map { Value($0) } ?? .nil
        }
    }

    /// Derivatives of derivatives would come out silently zero: pullbacks
    /// record nothing, so a gradient taken inside `grad` does not depend on
    /// the outer argument.
    private static func nestedGrad(_ who: String) -> SomaError {
        SomaError.value("\(who): cannot differentiate a gradient (grad inside grad) yet; use numgrad outside grad for second derivatives")
    }

    /// The one-element tensor a differentiated function returned.
    private static func scalarOutput(_ y: Value, _ who: String) throws -> Tensor {
        let t: Tensor
        do { t = try y.asTensor() } catch {
            throw SomaError.type("\(who): the function must return a number, got \(y.typeName)")
        }
        guard t.count == 1 else {
            throw SomaError.shape("\(who): the function must return a single number, got a tensor of shape \(t.shape); use sum or mean")
        }
        return t
    }
}
