import Testing
@testable import SomaCore

/// The in-place `gemm` that dense layers share with `matmul`.
struct MatrixProductTests {
    // a = [[1, 2, 3], [4, 5, 6]] (2 x 3), b = [[1, 0], [0, 1], [1, 1]] (3 x 2).
    let a: [Double] = [1, 2, 3, 4, 5, 6]
    let b: [Double] = [1, 0, 0, 1, 1, 1]

    @Test func productWithBetaAddsToTheBuffer() throws {
        var c: [Double] = [10, 20, 30, 40]
        try gemm(a, b, m: 2, n: 2, k: 3, beta: 1, into: &c)
        for (got, want) in zip(c, [14.0, 25, 40, 51]) { #expect(abs(got - want) < 1e-12) }
    }

    @Test func transposedOperandsInSinglePrecision() throws {
        // aᵀ·a is 3 x 3: [[17, 22, 27], [22, 29, 36], [27, 36, 45]].
        let af = a.map(Float.init)
        var c = [Float](repeating: 0, count: 9)
        try gemm(af, transposeA: true, af, m: 3, n: 3, k: 2, into: &c)
        for (got, want) in zip(c, [17, 22, 27, 22, 29, 36, 27, 36, 45] as [Float]) { #expect(abs(got - want) < 1e-5) }
        // a·aᵀ is 2 x 2: [[14, 32], [32, 77]].
        var d = [Float](repeating: 0, count: 4)
        try gemm(af, af, transposeB: true, m: 2, n: 2, k: 3, into: &d)
        for (got, want) in zip(d, [14, 32, 32, 77] as [Float]) { #expect(abs(got - want) < 1e-5) }
    }

    @Test func shortBuffersThrowInsteadOfReadingPastTheEnd() {
        var c = [Double](repeating: 0, count: 3)
        #expect(throws: TensorError.self) { try gemm(a, b, m: 2, n: 2, k: 3, into: &c) }
        var d = [Double](repeating: 0, count: 4)
        #expect(throws: TensorError.self) { try gemm(a, b, m: 2, n: 2, k: 4, into: &d) }
    }

    @Test func sizesPastBLASLimitsThrow() {
        #expect(throws: TensorError.self) { try GemmSizes(m: Int(Int32.max) + 1, n: 1, k: 1) }
    }
}
