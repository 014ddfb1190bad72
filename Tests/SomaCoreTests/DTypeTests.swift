import Testing
import Foundation
import SomaCore

/// Float32 tensors: dtype propagation, numpy's promotion, conversion, and
/// float32 products and gradients against float64 references.

private func random(_ shape: [Int], seed: UInt64, dtype: DType = .float32) throws -> Tensor {
    var rng = RandomGenerator(seed: seed)
    return try rng.randn(shape, dtype: dtype)
}

@Test func float32PropagatesThroughTheHotPaths() throws {
    let x = try random([4, 3], seed: 1), w = try random([3, 5], seed: 2)
    #expect(x.dtype == .float32)
    let results: [Tensor] = [
        try x + x, try x * 2, try 1 - x, try x / 3, x.T, try x.matmul(w), try x.exp(), try x.logistic(),
        try x.tanh(), try x.relu(), try x.square(), try x.sum(axis: 0), try x.max(axis: 1, keepdims: true),
        try x.mean(), try x.softmax(axis: 1), try x.get([.slice(start: 1, stop: 3, step: 1)]),
        try x.reshaped([12]), try x.transposed([1, 0]), try x.broadcast(to: [2, 4, 3]),
        try Tensor.concat([x, x], axis: 0), try x.pow(2), try x.abs().sqrt(), try x.clipped(0, 1),
    ]
    for r in results { #expect(r.dtype == .float32) }
    // Indices are positions, float64 as before.
    #expect(try x.argmax(axis: 1).dtype == .float64)
}

@Test func promotionFollowsNumpy() throws {
    let f = try random([3], seed: 3), d = try random([3], seed: 4, dtype: .float64)
    #expect(DType.promoted(f, f) == .float32)
    #expect(try (f + d).dtype == .float64)
    #expect(try (d * f).dtype == .float64)
    #expect(try (f * Tensor(2.5)).dtype == .float32, "a plain number does not widen float32")
    #expect(try (Tensor(2.5) - f).dtype == .float32)
    #expect(try f.matmul(d).dtype == .float64)
    // A float32 result of a mixed operation is computed in float32.
    let sum = try f + Tensor(0.1)
    for (s, x) in zip(sum.floats, f.floats) { #expect(s == x + Float(0.1)) }
}

@Test func astypeRoundTrips() throws {
    let d = Tensor(shape: [2, 2], data: [0.5, -1.25, 3, 1e-3])
    let f = d.astype(.float32)
    #expect(f.dtype == .float32 && f.shape == [2, 2])
    #expect(f.floats == [0.5, -1.25, 3, Float(1e-3)])
    let back = f.astype(.float64)
    #expect(back.dtype == .float64)
    // Exactly representable values survive; 1e-3 comes back rounded to float32.
    #expect(Array(back.data.prefix(3)) == [0.5, -1.25, 3])
    #expect(back.data[3] == Double(Float(1e-3)))
    #expect(d.astype(.float64) == d)
    // Writing through `data` keeps the dtype; `flat` reads one element.
    var g = f
    g.data[0] = 7
    #expect(g.dtype == .float32 && g[flat: 0] == 7 && f[flat: 0] == 0.5)
    g[flat: 1] = 2.5
    #expect(g.floats[1] == 2.5)
}

@Test func float32ProductMatchesFloat64() throws {
    let a = try random([37, 64], seed: 5, dtype: .float64), b = try random([64, 23], seed: 6, dtype: .float64)
    let exact = try a.matmul(b)
    let single = try a.astype(.float32).matmul(b.astype(.float32))
    #expect(single.dtype == .float32)
    // Inputs rounded to 2^-24 and 64-term sums: a few 1e-6 relative to the row scale.
    #expect(close(single.astype(.float64), exact, rel: 1e-5, abs: 1e-4))
    // Transposed operands and matrix-vector products take the same sgemm/sgemv paths.
    let t = try a.astype(.float32).matmul(a.astype(.float32), transposingSelf: true)
    let gram = try a.T.matmul(a)
    #expect(t.dtype == .float32 && close(t.astype(.float64), gram, rel: 1e-5, abs: 1e-4))
    let v = try a.astype(.float32).matmul(Tensor(Array(repeating: 1, count: 64)).astype(.float32))
    let rowSums = try a.sum(axis: 1)
    #expect(v.shape == [37] && close(v.astype(.float64), rowSums, rel: 1e-5, abs: 1e-4))
}

/// The float32 autodiff gradient of `f` at float32 inputs against central
/// differences of the same `f` in float64; the largest error relative to max(1, |g|).
private func float32GradientError(_ inputs: [Tensor], _ f: ([Tensor]) throws -> Tensor) throws -> Double {
    let leaves = Tensor.leaves(inputs.map { $0.astype(.float32) })
    let y = try f(leaves)
    #expect(y.dtype == .float32)
    let analytic = try backward(y, wrt: leaves)
    var worst = 0.0
    for k in inputs.indices {
        #expect(analytic[k].dtype == .float32, "a gradient has its tensor's dtype")
        let numeric = try numericalGradient(of: { xk in
            var xs = inputs.map { $0.astype(.float64) }
            xs[k] = xk
            return try f(xs)
        }, at: inputs[k].astype(.float64), h: 1e-6)
        for (a, n) in zip(analytic[k].data, numeric.data) {
            guard a.isFinite, n.isFinite else { return .infinity }
            worst = Swift.max(worst, Swift.abs(a - n) / Swift.max(1, Swift.abs(n)))
        }
    }
    return worst
}

@Test func float32GradientsMatchCentralDifferences() throws {
    let x = try random([6, 5], seed: 8), w1 = try random([5, 4], seed: 9), b1 = try random([4], seed: 10)
    let w2 = try random([4, 3], seed: 11)
    var rng = RandomGenerator(seed: 12)
    let labels = try rng.randint(0, 3, [6])
    let t = try Tensor.onehot(labels, classes: 3).astype(.float32)
    // The MLP of the benchmarks: logistic hidden layer, softmax, cross entropy.
    let mlp = try float32GradientError([x, w1, b1, w2]) { p in
        let h = try (p[0].matmul(p[1]) + p[2]).logistic()
        return try Tensor.cce(h.matmul(p[3]).softmax(axis: 1), t.astype(p[0].dtype))
    }
    #expect(mlp < 1e-3)
    // Elementwise primitives, reductions, transpose and slicing.
    let ops = try float32GradientError([x]) { p in
        let a = try (p[0].exp() * p[0].tanh() - p[0].square() / 4).sum(axis: 0)
        let b = try p[0].T.max(axis: 1).sum() + p[0].get([.slice(start: 1, stop: 4, step: 1)]).mean()
        return try a.sum() + b + (p[0] * p[0] + 1).log().sum()
    }
    #expect(ops < 1e-3)
}

@Test func mixedDtypeGradientsComeBackInEachInputsDtype() throws {
    let f = Tensor.leaves([try random([3], seed: 13)])[0]
    let d = Tensor.leaves([try random([3], seed: 14, dtype: .float64)])[0]
    let y = try (f * d).sum()
    #expect(y.dtype == .float64)
    let g = try backward(y, wrt: [f, d])
    #expect(g[0].dtype == .float32 && g[1].dtype == .float64)
    #expect(close(g[0].astype(.float64), d.detached, rel: 1e-6, abs: 1e-6))
}

@Test func float32TanhAndExpMatchFloat64WithinHalfAnUlp() throws {
    var xs: [Float] = [0, -0, 1e-6, -3e-5, 1e-4, 0.5, -1, 3, 8.9, 9.5, -20, 50, .infinity, -.infinity]
    for i in 0..<2000 { xs.append(Float(i - 1000) / 97) }
    let x = Tensor(shape: [xs.count], floats: xs)
    for (op, exact) in [(UnaryOp.tanh, { (v: Double) in Foundation.tanh(v) }), (.exp, { Foundation.exp($0) }),
                        (.logistic, { 1 / (1 + Foundation.exp(-$0)) })] {
        let y = try Tensor.unary(op, x)
        #expect(y.dtype == .float32)
        for (v, r) in zip(xs, y.floats) {
            let want = exact(Double(v)), rounded = Float(want)
            // Within one float32 ulp of the exact value (the kernels round once from Float64).
            if rounded.isInfinite || rounded == 0 {
                #expect(r == rounded, "\(op)(\(v)) = \(r), want \(want)")
            } else {
                #expect(Swift.abs(Double(r) - want) <= Double(rounded.ulp), "\(op)(\(v)) = \(r), want \(want)")
            }
        }
    }
    let nan = try Tensor(shape: [1], floats: [.nan]).tanh()
    #expect(nan.floats[0].isNaN)
}
