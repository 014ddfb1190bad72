import Testing
import SomaCore

/// The fused recurrent layers (`rnnSequence`, `lstmSequence`): their BPTT
/// against central differences, and their states against the same recurrence
/// composed from primitives step by step.
struct RecurrentTests {
    var rng = RandomGenerator(seed: 479)
    let tol = 1e-6

    /// Columns `lo..<hi` of a matrix.
    func columns(_ x: Tensor, _ lo: Int, _ hi: Int) throws -> Tensor {
        try x.get([.all, .slice(start: lo, stop: hi, step: 1)])
    }

    /// Step `t` of a batch x time x features tensor.
    func step(_ x: Tensor, _ t: Int) throws -> Tensor {
        try x.get([.all, .index(t)])
    }

    @Test mutating func rnnGradientMatchesCentralDifferences() throws {
        let (x, u, w, b) = (try rng.randn([3, 5, 2]), try rng.randn([2, 4]), try rng.randn([4, 4]) * 0.5, try rng.randn([4]))
        #expect(try gradientError([x, u, w, b]) { try Tensor.rnnSequence($0[0], $0[1], $0[2], $0[3]) } < tol)
    }

    @Test mutating func lstmGradientMatchesCentralDifferences() throws {
        let (x, w, b) = (try rng.randn([3, 6, 2]), try rng.randn([6, 16]) * 0.5, try rng.randn([16]))
        #expect(try gradientError([x, w, b]) { try Tensor.lstmSequence($0[0], $0[1], $0[2]) } < tol)
    }

    @Test mutating func statesEqualTheStepByStepRecurrence() throws {
        let (batch, steps, hidden) = (2, 4, 3)
        let x = try rng.randn([batch, steps, 2])
        let (u, w, b) = (try rng.randn([2, hidden]), try rng.randn([hidden, hidden]), try rng.randn([hidden]))
        var h = Tensor(repeating: 0, shape: [batch, hidden])
        var hs: [Tensor] = []
        for t in 0..<steps {
            h = try (h.matmul(w) + step(x, t).matmul(u) + b).tanh()
            hs.append(h)
        }
        let rnnGap = try (Tensor.rnnSequence(x, u, w, b) - Tensor.stack(hs, axis: 1)).abs().max()
        #expect(try rnnGap.scalar() < 1e-14)

        let (wl, bl) = (try rng.randn([hidden + 2, 4 * hidden]), try rng.randn([4 * hidden]))
        var (hl, c) = (Tensor(repeating: 0, shape: [batch, hidden]), Tensor(repeating: 0, shape: [batch, hidden]))
        var hls: [Tensor] = []
        for t in 0..<steps {
            let z = try Tensor.concat([hl, step(x, t)], axis: 1).matmul(wl) + bl
            let (f, i) = (try columns(z, 0, hidden).logistic(), try columns(z, hidden, 2 * hidden).logistic())
            let (o, g) = (try columns(z, 2 * hidden, 3 * hidden).logistic(), try columns(z, 3 * hidden, 4 * hidden).tanh())
            c = try f * c + i * g
            hl = try o * c.tanh()
            hls.append(hl)
        }
        let lstmGap = try (Tensor.lstmSequence(x, wl, bl) - Tensor.stack(hls, axis: 1)).abs().max()
        #expect(try lstmGap.scalar() < 1e-14)
    }

    /// A batch large enough to run in two blocks of sequences on two threads
    /// (33 rows: blocks of unequal size): states and gradients of all three
    /// inputs equal those of the recurrence composed from primitives.
    @Test mutating func blockedLSTMEqualsTheComposedRecurrence() throws {
        let (batch, steps, inputs, hidden) = (33, 9, 3, 40)
        let x = try rng.randn([batch, steps, inputs])
        let w = try rng.randn([hidden + inputs, 4 * hidden]) * 0.2, b = try rng.randn([4 * hidden]) * 0.3
        let probe = try rng.randn([batch, steps, hidden])
        func composed(_ a: [Tensor]) throws -> Tensor {
            var (h, c) = (Tensor(repeating: 0, shape: [batch, hidden]), Tensor(repeating: 0, shape: [batch, hidden]))
            var hs: [Tensor] = []
            for t in 0..<steps {
                let z = try Tensor.concat([h, step(a[0], t)], axis: 1).matmul(a[1]) + a[2]
                let (f, i) = (try columns(z, 0, hidden).logistic(), try columns(z, hidden, 2 * hidden).logistic())
                let (o, g) = (try columns(z, 2 * hidden, 3 * hidden).logistic(), try columns(z, 3 * hidden, 4 * hidden).tanh())
                c = try f * c + i * g
                h = try o * c.tanh()
                hs.append(h)
            }
            return try Tensor.stack(hs, axis: 1)
        }
        let leaves = Tensor.leaves([x, w, b])
        let fused = try Tensor.lstmSequence(leaves[0], leaves[1], leaves[2])
        let reference = try composed(leaves)
        #expect(try (fused - reference).abs().max().scalar() < 1e-13)
        let gf = try backward(try (fused * probe).sum(), wrt: leaves)
        let gc = try backward(try (reference * probe).sum(), wrt: leaves)
        for k in 0..<3 {
            #expect(close(gf[k], gc[k], rel: 1e-11, abs: 1e-12), "input \(k)")
        }
    }

    /// Float32 inputs run the blocked kernel in Float32: states and gradients
    /// are float32, within float32 rounding of the Float64 computation of the
    /// composed recurrence, and the gradients match central differences taken
    /// in float64 (`numericalGradient` probes a float32 input in float64).
    @Test mutating func float32LSTMFollowsTheFloat64Computation() throws {
        let (batch, steps, inputs, hidden) = (33, 9, 3, 40)
        let x = try rng.randn([batch, steps, inputs])
        let w = try rng.randn([hidden + inputs, 4 * hidden]) * 0.2, b = try rng.randn([4 * hidden]) * 0.3
        let probe = try rng.randn([batch, steps, hidden])
        let leaves64 = Tensor.leaves([x, w, b])
        let leaves32 = Tensor.leaves([x, w, b].map { $0.astype(.float32) })
        let h64 = try Tensor.lstmSequence(leaves64[0], leaves64[1], leaves64[2])
        let h32 = try Tensor.lstmSequence(leaves32[0], leaves32[1], leaves32[2])
        #expect(h32.dtype == .float32)
        #expect(close(h32.astype(.float64), h64, rel: 0, abs: 2e-6))
        let g64 = try backward(try (h64 * probe).sum(), wrt: leaves64)
        let g32 = try backward(try (h32 * probe.astype(.float32)).sum(), wrt: leaves32)
        for k in 0..<3 {
            #expect(g32[k].dtype == .float32, "input \(k)")
            let scale = try g64[k].abs().max().scalar()
            #expect(close(g32[k].astype(.float64), g64[k], rel: 0, abs: 2e-5 * scale), "input \(k)")
        }
        let (xs, ws, bs) = (try rng.randn([3, 6, 2]), try rng.randn([6, 16]) * 0.5, try rng.randn([16]))
        let small = [xs, ws, bs].map { $0.astype(.float32) }
        #expect(try gradientError(small, h: 1e-5) { try Tensor.lstmSequence($0[0], $0[1], $0[2]) } < 2e-5)
    }

    @Test mutating func float32RNNFollowsTheFloat64Computation() throws {
        let (x, u, w, b) = (try rng.randn([3, 5, 2]), try rng.randn([2, 4]), try rng.randn([4, 4]) * 0.5, try rng.randn([4]))
        let inputs32 = [x, u, w, b].map { $0.astype(.float32) }
        let h32 = try Tensor.rnnSequence(inputs32[0], inputs32[1], inputs32[2], inputs32[3])
        #expect(h32.dtype == .float32)
        #expect(close(h32.astype(.float64), try Tensor.rnnSequence(x, u, w, b), rel: 0, abs: 2e-6))
        #expect(try gradientError(inputs32, h: 1e-5) { try Tensor.rnnSequence($0[0], $0[1], $0[2], $0[3]) } < 2e-5)
        let leaves = Tensor.leaves(inputs32)
        let grads = try backward(try Tensor.rnnSequence(leaves[0], leaves[1], leaves[2], leaves[3]).sum(), wrt: leaves)
        #expect(grads.allSatisfy { $0.dtype == .float32 })
    }

    @Test mutating func shapesAreChecked() throws {
        let x = try rng.randn([2, 3, 2])
        #expect(throws: TensorError.self) { try Tensor.rnnSequence(x, Tensor(repeating: 0, shape: [3, 4]), Tensor(repeating: 0, shape: [4, 4]), Tensor(repeating: 0, shape: [4])) }
        #expect(throws: TensorError.self) { try Tensor.lstmSequence(x, Tensor(repeating: 0, shape: [5, 16]), Tensor(repeating: 0, shape: [16])) }
        #expect(throws: TensorError.self) { try Tensor.lstmSequence(Tensor(repeating: 0, shape: [2, 0, 2]), Tensor(repeating: 0, shape: [6, 16]), Tensor(repeating: 0, shape: [16])) }
        #expect(throws: TensorError.self) { try Tensor.lstmSequence(Tensor(repeating: 0, shape: [2, 2]), Tensor(repeating: 0, shape: [6, 16]), Tensor(repeating: 0, shape: [16])) }
    }
}
