import Foundation
import Testing
import SomaCore

/// Every primitive's gradient against central differences, on random shapes
/// that exercise broadcasting (relative tolerance 1e-6).
struct PrimitiveGradientTests {
    var rng = RandomGenerator(seed: 2024)
    let tol = 1e-6

    mutating func positive(_ shape: [Int]) throws -> Tensor { try rng.rand(shape) + 0.5 }

    @Test(arguments: [BinaryOp.add, .sub, .mul, .div, .pow, .maximum, .minimum, .mod])
    mutating func binaryWithBroadcasting(_ op: BinaryOp) throws {
        for (sa, sb) in [([3, 4], [3, 4]), ([2, 3, 4], [4]), ([3, 1], [1, 5]), ([], [2, 2])] {
            let a = try positive(sa), b = try positive(sb)
            let err = try gradientError([a, b]) { xs in try Tensor.binary(op, xs[0], xs[1]) }
            #expect(err < tol, "\(op) \(sa) \(sb): \(err)")
        }
    }

    @Test(arguments: [UnaryOp.neg, .abs, .sqrt, .exp, .log, .sin, .cos, .tan, .tanh, .arctan, .square, .logistic, .relu])
    mutating func unary(_ op: UnaryOp) throws {
        // Away from 0 so abs and relu are differentiable where probed.
        let x = try (rng.rand([2, 5]) + 0.2) * Tensor([1, -1, 1, -1, 1])
        let input = op == .sqrt || op == .log ? try x.abs() : x
        let err = try gradientError([input]) { xs in try Tensor.unary(op, xs[0]) }
        #expect(err < tol, "\(op): \(err)")
    }

    @Test mutating func reductions() throws {
        let x = try rng.randn([3, 4, 2])
        for axis in [nil, 0, 1, -1] as [Int?] {
            #expect(try gradientError([x]) { try $0[0].sum(axis: axis) } < tol)
            #expect(try gradientError([x]) { try $0[0].mean(axis: axis, keepdims: true) } < tol)
            #expect(try gradientError([x]) { try $0[0].max(axis: axis) } < tol)
            #expect(try gradientError([x]) { try $0[0].min(axis: axis) } < tol)
            #expect(try gradientError([x]) { try $0[0].std(axis: axis) } < tol)
            #expect(try gradientError([x]) { try $0[0].prod(axis: axis) } < tol)
        }
    }

    @Test mutating func matmulAllRanks() throws {
        let cases: [([Int], [Int])] = [([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([4], [4]), ([2, 3, 4], [4, 5]), ([2, 1, 3, 4], [5, 4, 2])]
        for (sa, sb) in cases {
            let a = try rng.randn(sa), b = try rng.randn(sb)
            let err = try gradientError([a, b]) { try $0[0].matmul($0[1]) }
            #expect(err < tol, "\(sa) @ \(sb): \(err)")
        }
    }

    @Test mutating func shaping() throws {
        let x = try rng.randn([2, 3, 4])
        #expect(try gradientError([x]) { try $0[0].reshaped([4, -1]) } < tol)
        #expect(try gradientError([x]) { try $0[0].transposed([2, 0, 1]) } < tol)
        #expect(try gradientError([x]) { $0[0].T } < tol)
        #expect(try gradientError([x]) { try $0[0].broadcast(to: [5, 2, 3, 4]) } < tol)
    }

    @Test mutating func indexing() throws {
        let x = try rng.randn([4, 5])
        #expect(try gradientError([x]) { try $0[0].get([.index(1)]) } < tol)
        #expect(try gradientError([x]) { try $0[0].get([.slice(start: 1, stop: nil, step: 2), .index(-1)]) } < tol)
        // Repeated positions must accumulate.
        #expect(try gradientError([x]) { try $0[0].get([.indices(Tensor([0, 2, 0, 0]))]) } < tol)
        let mask = try Tensor.binary(.gt, x, Tensor(0))
        #expect(try gradientError([x]) { try $0[0].get([.mask(mask)]) } < tol)
        let v = try rng.randn([4])
        #expect(try gradientError([x, v]) { xs in
            var y = try xs[0] * 1
            try y.set([.all, .index(2)], to: xs[1])
            return y
        } < tol)
        // A contiguous block (whole rows) takes the copy path.
        let row = try rng.randn([2, 5])
        #expect(try gradientError([x, row]) { xs in
            var y = try xs[0] * 1
            try y.set([.slice(start: 1, stop: 3, step: nil)], to: xs[1])
            return try y.get([.slice(start: 2, stop: nil, step: 1)])
        } < tol)
    }

    @Test mutating func joiningAndSelecting() throws {
        let a = try rng.randn([2, 3]), b = try rng.randn([4, 3])
        #expect(try gradientError([a, b]) { try Tensor.concat($0, axis: 0) } < tol)
        #expect(try gradientError([a, a]) { try Tensor.stack($0, axis: 1) } < tol)
        let cond = try Tensor.binary(.gt, rng.randn([2, 3]), Tensor(0))
        #expect(try gradientError([a, Tensor(1.5)]) { try Tensor.select(cond, $0[0], $0[1]) } < tol)
        #expect(try gradientError([a]) { try $0[0].repeated(2, axis: 1) } < tol)
        #expect(try gradientError([a]) { try $0[0].tiled([2, 2]) } < tol)
    }

    @Test mutating func derivedFunctions() throws {
        let z = try rng.randn([3, 4]) * 3
        let t = try Tensor.onehot(Tensor([0, 3, 1]), classes: 4)
        #expect(try gradientError([z]) { try $0[0].softmax(axis: -1) } < tol)
        #expect(try gradientError([z]) { try $0[0].softmax(axis: 0) } < tol)
        #expect(try gradientError([z]) { try $0[0].logsumexp(axis: 1) } < tol)
        #expect(try gradientError([z]) { try Tensor.mse($0[0], t) } < tol)
        #expect(try gradientError([z]) { try Tensor.bce($0[0].logistic(), t) } < tol)
        #expect(try gradientError([z]) { try Tensor.cce($0[0].softmax(), t) } < tol)
        #expect(try gradientError([z]) { try $0[0].leakyRelu(slope: 0.1) } < tol)
        #expect(try gradientError([z]) { try $0[0].norm(axis: 0) } < tol)
    }
}

@Test func valueUsedTwiceAccumulates() throws {
    let x = Tensor.leaves([Tensor([3])])
    let y = try (x[0] * x[0] + x[0]).sum()
    #expect(try backward(y, wrt: x)[0].data == [7])
}

@Test func affineLayerGradient() throws {
    var rng = RandomGenerator(seed: 1)
    let X = try rng.randn([5, 3]), W = try rng.randn([3, 2]), b = try rng.randn([2])
    let err = try gradientError([X, W, b]) { xs in try (xs[0].matmul(xs[1]) + xs[2]).logistic() }
    #expect(err < 1e-6)
}

@Test func untouchedLeafGetsZeros() throws {
    let l = Tensor.leaves([Tensor([1, 2]), Tensor([5])])
    let g = try backward(try l[0].sum(), wrt: l)
    #expect(g[1].data == [0])
    #expect(throws: TensorError.self) { try backward(l[0], wrt: l) }
}

@Test func gradientConvenience() throws {
    let g = try gradient(of: { try ($0 * $0).sum() }, at: Tensor([1, -2]))
    #expect(g.data == [2, -4])
}

@Test func untrackedOpsRecordNothing() throws {
    let y = try Tensor([1, 2]).exp() + 1
    #expect(y.node == nil)
}

/// A chain far deeper than the stack (a long simulation under `grad`) must
/// both differentiate and be freed without recursion.
@Test func deepChainsDoNotOverflowTheStack() throws {
    let n = 200_000
    do {
        let x = Tensor.leaves([Tensor(1.000001)])[0]
        var y = Tensor(1.0)
        for _ in 0..<n { y = try y * x }
        let g = try backward(y, wrt: [x])[0]
        let want = Double(n) * Foundation.pow(1.000001, Double(n - 1))
        #expect(close(g.data[0], want, rel: 1e-9))
    }
}

@Test func linearAlgebraGradients() throws {
    var rng = RandomGenerator(seed: 11)
    let a = try rng.randn([4, 4]) + Tensor.eye(4) * 4
    let b = try rng.randn([4]), bm = try rng.randn([4, 2])
    #expect(try gradientError([a, b]) { try Tensor.solve($0[0], $0[1]) } < 1e-6)
    #expect(try gradientError([a, bm]) { try Tensor.solve($0[0], $0[1]) } < 1e-6)
    #expect(try gradientError([a]) { try $0[0].inv() } < 1e-6)
    #expect(try gradientError([a]) { try $0[0].det() } < 1e-6)
    let tall = try rng.randn([6, 3]), y = try rng.randn([6])
    #expect(try gradientError([tall, y]) { try Tensor.lstsq($0[0], $0[1], reg: 0.5) } < 1e-6)
    let tracked = Tensor.leaves([tall])[0]
    #expect(throws: TensorError.value("svd is not differentiable; compute it outside grad")) { try tracked.svd() }
    #expect(throws: TensorError.self) { try Tensor.lstsq(tracked, y) }
}

@Test func constantOperandsGetNoGradientWork() throws {
    var rng = RandomGenerator(seed: 21)
    let data = try rng.randn([5, 3]), w = try rng.randn([3, 2]), c = try rng.rand([3, 2]) + 0.5
    // Only w is differentiated; data and c stay constants on the other side of each op.
    let f: (Tensor) throws -> Tensor = { w in
        try (data.matmul(w) + (w * c).sum(axis: 0) - (w.abs() + 1).pow(c).sum() + (c / w.abs()).sum()).square().sum()
    }
    let analytic = try gradient(of: f, at: w)
    let numeric = try numericalGradient(of: f, at: w, h: 1e-6)
    #expect(analytic.data.allSatisfy { !$0.isNaN })
    #expect(close(analytic, numeric, rel: 1e-6, abs: 1e-6))
}
