import Foundation
import Testing
import SomaCore

/// The vectorised sine and cosine against libm, in ulps, over the hard
/// cases: large arguments, arguments next to multiples of π/2, zeros and
/// values that take the libm path.
@Test func vectorSinCosMatchLibm() throws {
    var rng = RandomGenerator(seed: 5)
    var xs = try (rng.rand([50000]) * 2e6 - 1e6).data
    xs += try (rng.randn([50000]) * 5).data
    xs += (1..<50000).map { Double($0) * Double.pi / 2 }
    xs += (1..<1000).map { Double($0) * Double.pi / 2 + 1e-9 }
    xs += [0, -0.0, 1e-300, -1e-300, 5e-324, 1e6, -1e6, 1.5e6, 1e300, .infinity, -.infinity, .nan]
    let sines = try Tensor(xs).sin().data, cosines = try Tensor(xs).cos().data
    for (got, want) in [(sines, xs.map { Foundation.sin($0) }), (cosines, xs.map { Foundation.cos($0) })] {
        var worst = 0.0
        for (g, w) in zip(got, want) {
            if w.isNaN { #expect(g.isNaN); continue }
            if w == 0 { #expect(g == 0 && g.sign == w.sign); continue }
            worst = max(worst, abs(g - w) / w.ulp)
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
    }
}
