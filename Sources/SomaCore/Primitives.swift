/// Maps the gradient of an operation's output to the gradients of its inputs.
typealias Pullback = (Tensor) throws -> [Tensor?]

/// The table of differentiable primitives: each entry is one operation's
/// vector-Jacobian product. Everything else in Soma (logistic, softmax,
/// losses, `x @ W + b`, ...) is written in terms of these, so its gradient
/// comes free. Entries capture detached tensors, so gradients are computed
/// without recording anything.
///
/// Gradient traps, documented where they occur:
/// - `abs` at 0 and `relu` at 0 get gradient 0 (a subgradient).
/// - `sqrt` at 0 and `log` at 0 give an infinite gradient.
/// - `maximum`/`minimum` (and `max`/`min` reductions) split the gradient
///   equally between tied inputs.
/// - `pow` with respect to its exponent is 0 where the base is not positive.
/// - comparisons, `floor`, `ceil`, `round`, `sign` have gradient 0 (their
///   outputs are untracked constants).
enum Primitives {
    static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ out: Tensor) -> Pullback? {
        // A constant input needs no gradient: skipping it halves the work for
        // the common `x * w`, `x ^ 3` and `data @ W`.
        let (needA, needB) = (a.node != nil, b.node != nil)
        let (a, b, out) = (a.detached, b.detached, out.detached)
        let (sa, sb) = (a.shape, b.shape)
        func grads(_ ga: () throws -> Tensor, _ gb: () throws -> Tensor) throws -> [Tensor?] {
            [needA ? try ga().unbroadcast(to: sa) : nil, needB ? try gb().unbroadcast(to: sb) : nil]
        }
        switch op {
        case .add:
            return { g in try grads({ g }, { g }) }
        case .sub:
            return { g in try grads({ g }, { try -g }) }
        case .mul:
            return { g in try grads({ try g * b }, { try g * a }) }
        case .div:
            // d(a/b)/db = -a/b^2 = -(a/b)/b
            return { g in
                let ga = try g / b
                return try grads({ ga }, { try -(ga * out) })
            }
        case .pow:
            return { g in
                try grads({ try g * b * a.pow(b - 1) }, {
                    let positive = try Tensor.binary(.gt, a, Tensor(0))
                    // log(1) = 0 stands in where the base is not positive.
                    let logA = try (a * positive + (1 - positive)).log()
                    return try g * out * logA
                })
            }
        case .mod:
            return { g in try grads({ g }, { try -(g * (a / b).floor()) }) }
        case .maximum, .minimum:
            let wins: BinaryOp = op == .maximum ? .gt : .lt
            return { g in
                let share = try Tensor.binary(wins, a, b) + Tensor.binary(.eq, a, b) * 0.5
                return try grads({ try g * share }, { try g * (1 - share) })
            }
        case .eq, .ne, .lt, .le, .gt, .ge:
            return nil
        }
    }

    static func unary(_ op: UnaryOp, _ x: Tensor, _ out: Tensor) -> Pullback? {
        let (x, out) = (x.detached, out.detached)
        switch op {
        case .neg: return { g in [try -g] }
        case .abs: return { g in [try g * x.sign()] }
        case .sqrt: return { g in [try g * 0.5 / out] }
        case .exp: return { g in [try g * out] }
        case .log: return { g in [try g / x] }
        case .sin: return { g in [try g * x.cos()] }
        case .cos: return { g in [try -(g * x.sin())] }
        case .tan: return { g in [try g * (1 + out * out)] }
        case .tanh: return { g in [try g * (1 - out * out)] }
        case .arctan: return { g in [try g / (1 + x * x)] }
        case .square: return { g in [try g * x * 2] }
        // Derived on tracked input (see `Derived`), or piecewise constant.
        case .logistic, .relu, .floor, .ceil, .round, .sign: return nil
        }
    }

    /// Sum along `axis` (nil: all): the gradient is broadcast back.
    static func sum(from shape: [Int], axis: Int?) -> Pullback {
        let kept = keptShape(shape, axis)
        return { g in [try g.reshaped(kept).broadcast(to: shape)] }
    }

    /// Max/min reduction: the gradient goes to the elements equal to the result.
    static func extreme(_ x: Tensor, _ out: Tensor, axis: Int?) -> Pullback {
        let x = x.detached
        let kept = keptShape(x.shape, axis)
        return { g in
            let hit = try Tensor.binary(.eq, x, out.detached.reshaped(kept))
            let ties = try hit.sum(axis: axis, keepdims: true)
            return [try g.reshaped(kept) * hit / ties]
        }
    }

    /// Product reduction: d/dx_i prod = prod / x_i (NaN at zeros).
    static func prod(_ x: Tensor, _ out: Tensor, axis: Int?) -> Pullback {
        let x = x.detached
        let kept = keptShape(x.shape, axis)
        return { g in [try g.reshaped(kept) * out.detached.reshaped(kept) / x] }
    }

    static func reshape(from shape: [Int]) -> Pullback {
        { g in [try g.reshaped(shape)] }
    }

    static func transpose(_ perm: [Int]) -> Pullback {
        var inverse = perm
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return { g in [try g.transposed(inverse)] }
    }

    static func broadcast(from shape: [Int]) -> Pullback {
        { g in [try g.unbroadcast(to: shape)] }
    }

    /// `[..., m, k] @ [..., k, n]`: dA = G Bᵀ, dB = Aᵀ G.
    static func matmul(_ a: Tensor, _ b: Tensor) -> Pullback {
        let (needA, needB) = (a.node != nil, b.node != nil)
        let (a, b) = (a.detached, b.detached)
        return { g in
            [needA ? try batchedMatmul(g, b, transB: true) : nil, needB ? try batchedMatmul(a, g, transA: true) : nil]
        }
    }

    /// Reading the elements an index plan selects: the gradient is scattered (added) back.
    static func gather(from shape: [Int], plan: IndexPlan) -> Pullback {
        { g in
            let count = Shape.count(shape)
            guard let offsets = plan.scattered else {
                var out = [Double](repeating: 0, count: count)
                out.replaceSubrange(plan.block, with: g.data)
                return [Tensor(shape: shape, data: out)]
            }
            return [Tensor(shape: shape, data: scatterAdd(g.data, offsets, count: count))]
        }
    }

    /// Writing a value where an index plan selects: the overwritten elements
    /// of the base get no gradient; the value gets the gradient at its positions.
    static func scatter(into shape: [Int], plan: IndexPlan) -> Pullback {
        { g in
            let gData = g.data  // once: a float32 tensor's `data` converts on every access
            var gBase = gData
            let gValue: [Double]
            if let offsets = plan.scattered {
                for o in offsets { gBase[o] = 0 }
                gValue = offsets.map { gData[$0] }
            } else {
                gBase.replaceSubrange(plan.block, with: repeatElement(0, count: plan.block.count))
                gValue = Array(gData[plan.block])
            }
            return [Tensor(shape: shape, data: gBase), Tensor(shape: plan.shape, data: gValue)]
        }
    }

    /// Joining along `axis`: each input gets its slice of the gradient.
    static func concat(shapes: [[Int]], axis: Int) -> Pullback {
        { g in
            var start = 0
            return try shapes.map { s in
                let stop = start + s[axis]
                var items = [IndexItem](repeating: .all, count: axis)
                items.append(.slice(start: start, stop: stop, step: 1))
                start = stop
                return try g.get(items)
            }
        }
    }

    /// Choosing by a constant condition: each branch gets the gradient where chosen.
    static func select(_ cond: Tensor, _ a: [Int], _ b: [Int]) -> Pullback {
        let cond = cond.detached
        return { g in
            let chosen = try Tensor.binary(.ne, cond, Tensor(0))
            return [try (g * chosen).unbroadcast(to: a), try (g * (1 - chosen)).unbroadcast(to: b)]
        }
    }

    /// `x = solve(A, b)`: gb = solve(Aᵀ, g), gA = −gb xᵀ.
    static func solve(_ a: Tensor, _ x: Tensor) -> Pullback {
        let (a, x) = (a.detached, x.detached)
        return { g in
            let gb = try Tensor.solve(a.T, g)
            let ga = x.rank == 1 ? try gb.outer(x) : try batchedMatmul(gb, x, transB: true)
            return [try -ga, gb]
        }
    }

    /// `Y = inv(A)`: gA = −Yᵀ G Yᵀ.
    static func inv(_ y: Tensor) -> Pullback {
        let yt = y.detached.T
        return { g in [try -(yt.matmul(g).matmul(yt))] }
    }

    /// `d = det(A)`: gA = g d A⁻ᵀ (fails, like `inv`, where A is singular).
    static func det(_ a: Tensor, _ d: Tensor) -> Pullback {
        let a = a.detached
        _ = d
        // The cofactor matrix (adjugate transposed), which is det(A) A^-T
        // where A is invertible and stays exact where it is singular.
        return { g in [try a.cofactors() * g] }
    }

    /// Max pooling: each window's gradient goes to its (first) maximum.
    static func maxPool(inputShape: [Int], winners: [Int]) -> Pullback {
        { g in [Tensor(shape: inputShape, data: scatterAdd(g.data, winners, count: Shape.count(inputShape)))] }
    }

    /// Average pooling: each window's gradient is shared equally by its k² inputs.
    static func avgPool(geometry p: PoolGeometry) -> Pullback {
        { g in
            var gx = [Double](repeating: 0, count: p.planes * p.h * p.w)
            let scale = 1 / Double(p.k * p.k)
            g.data.withUnsafeBufferPointer { pg in
                gx.withUnsafeMutableBufferPointer { px in
                    p.forEachWindow { o, start in
                        let share = pg[o] * scale
                        for i in 0..<p.k {
                            for j in 0..<p.k { px[start + i * p.w + j] = share }
                        }
                    }
                }
            }
            return [Tensor(shape: Array(g.shape.dropLast(2)) + [p.h, p.w], data: gx)]
        }
    }

    /// The shape of a reduction's result with the reduced axes kept as 1.
    private static func keptShape(_ shape: [Int], _ axis: Int?) -> [Int] {
        guard let axis else { return Array(repeating: 1, count: shape.count) }
        var kept = shape
        if !kept.isEmpty { kept[axis < 0 ? axis + shape.count : axis] = 1 }
        return kept
    }
}

/// A zero buffer of `count` elements with `values[i]` added at `offsets[i]`.
func scatterAdd(_ values: [Double], _ offsets: [Int], count: Int) -> [Double] {
    var out = [Double](repeating: 0, count: count)
    out.withUnsafeMutableBufferPointer { po in
        values.withUnsafeBufferPointer { pv in
            for (i, o) in offsets.enumerated() { po[o] += pv[i] }
        }
    }
    return out
}
