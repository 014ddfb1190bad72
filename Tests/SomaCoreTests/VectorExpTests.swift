import Foundation
import Testing
import SomaCore

/// Worst distance in ulps of `got` from `want`, checking NaN, zeros and
/// infinities exactly.
private func worstUlps(_ got: [Double], _ want: [Double]) -> Double {
    var worst = 0.0
    for (g, w) in zip(got, want) {
        if w.isNaN { #expect(g.isNaN); continue }
        if w == 0 || w.isInfinite { #expect(g == w && g.sign == w.sign, "got \(g), want \(w)"); continue }
        worst = max(worst, abs(g - w) / w.ulp)
    }
    return worst
}

/// The vectorised exponential against libm over a dense sweep of its whole
/// finite range, the edges of the fast core, the subnormal range and the
/// special values.
@Test func vectorExpMatchesLibm() throws {
    let count = 2_000_000
    var xs = (0..<count).map { -745.2 + 1455.2 * Double($0) / Double(count - 1) }
    var rng = RandomGenerator(seed: 11)
    xs += try (rng.randn([200000]) * 3).data
    xs += try (rng.rand([200000]) * 1e-6 - 5e-7).data
    // Around half-integer multiples of ln 2, where k rounds the other way.
    xs += (-2000..<2000).flatMap { j -> [Double] in
        let x = (Double(j) + 0.5) * M_LN2
        return [x.nextDown, x, x.nextUp]
    }
    xs += [0, -0.0, 5e-324, -5e-324, 1e-300, 708, -708, 708.0.nextUp, -708.0.nextDown, 709.78, 709.7827128933840, 709.79,
           -745.13, -745.1332191019412, -745.14, -740, -720, -710, 1000, -1000, 1e300, -1e300,
           .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]
    let got = try Tensor(xs).exp().data
    let worst = worstUlps(got, xs.map { Foundation.exp($0) })
    #expect(worst <= 1, "worst error \(worst) ulp")
}

/// The vectorised logistic against 1/(1 + e^−x) through libm, including
/// inputs whose e^−x overflows.
@Test func vectorLogisticMatchesLibm() throws {
    let count = 400_000
    var xs = (0..<count).map { -800 + 1600 * Double($0) / Double(count - 1) }
    xs += [0, -0.0, 708, -708, -709.9, 745.5, -745.5, .infinity, -.infinity, .nan]
    let got = try Tensor.unary(.logistic, Tensor(xs)).data
    let worst = worstUlps(got, xs.map { 1 / (1 + Foundation.exp(-$0)) })
    #expect(worst <= 2, "worst error \(worst) ulp")
}

/// The row softmax fast path against the same function written with libm.
@Test func rowSoftmaxUsesAccurateExp() throws {
    var rng = RandomGenerator(seed: 3)
    let z = try rng.randn([7, 33]) * 20
    let got = try z.softmax(axis: -1).data
    for row in 0..<7 {
        let xs = Array(z.data[(row * 33)..<(row * 33 + 33)])
        let m = xs.max() ?? 0
        let es = xs.map { Foundation.exp($0 - m) }
        let total = es.reduce(0, +)
        for (j, e) in es.enumerated() { #expect(abs(got[row * 33 + j] - e / total) <= 1e-15) }
    }
}
