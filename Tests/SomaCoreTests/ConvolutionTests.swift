import Testing
import SomaCore

/// conv2d, maxPool and avgPool: values against direct loops, gradients
/// against central differences.
struct ConvolutionTests {
    var rng = RandomGenerator(seed: 479)
    let tol = 1e-6

    /// The cross-correlation written as the textbook loop.
    func directConv(_ x: Tensor, _ w: Tensor, stride: Int, pad: Int) -> Tensor {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, k) = (w.shape[0], w.shape[2])
        let ho = (h + 2 * pad - k) / stride + 1, wo = (wd + 2 * pad - k) / stride + 1
        var out = [Double](repeating: 0, count: n * o * ho * wo)
        for img in 0..<n { for oc in 0..<o { for y in 0..<ho { for xo in 0..<wo {
            var s = 0.0
            for ci in 0..<c { for i in 0..<k { for j in 0..<k {
                let iy = y * stride + i - pad, ix = xo * stride + j - pad
                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                s += w.data[((oc * c + ci) * k + i) * k + j] * x.data[((img * c + ci) * h + iy) * wd + ix]
            } } }
            out[((img * o + oc) * ho + y) * wo + xo] = s
        } } } }
        return Tensor(shape: [n, o, ho, wo], data: out)
    }

    @Test mutating func convMatchesDirectLoop() throws {
        for (stride, pad) in [(1, 0), (1, 1), (2, 1), (2, 0), (3, 2)] {
            let x = try rng.randn([2, 3, 7, 6]), w = try rng.randn([4, 3, 3, 3])
            let got = try x.conv2d(w, stride: stride, pad: pad)
            #expect(close(got, directConv(x, w, stride: stride, pad: pad), rel: 1e-12, abs: 1e-12), "stride \(stride) pad \(pad)")
        }
    }

    @Test func handKernelsOnAnImage() throws {
        let img = iota([1, 1, 5, 5])
        let copy = Tensor(shape: [1, 1, 3, 3], data: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        let maps = try img.conv2d(copy)
        #expect(maps.shape == [1, 1, 3, 3])
        #expect(maps.data == [7, 8, 9, 12, 13, 14, 17, 18, 19])
        let blur = Tensor(repeating: 1, shape: [1, 1, 3, 3])
        #expect(try img.conv2d(blur).data[0] == 1 + 2 + 3 + 6 + 7 + 8 + 11 + 12 + 13)
    }

    @Test mutating func convGradient() throws {
        for (stride, pad) in [(1, 0), (1, 1), (2, 1)] {
            let x = try rng.randn([2, 2, 5, 6]), w = try rng.randn([3, 2, 3, 3])
            let err = try gradientError([x, w]) { try $0[0].conv2d($0[1], stride: stride, pad: pad) }
            #expect(err < tol, "stride \(stride) pad \(pad): \(err)")
        }
    }

    /// conv2d with its bias and ReLU against the same composed from conv2d,
    /// + and relu: on a batch that runs in two blocks of images on two
    /// threads, and against central differences on a small padded case.
    @Test mutating func biasAndReluInTheConvolution() throws {
        let x = try rng.randn([64, 2, 14, 14]), w = try rng.randn([8, 2, 3, 3]), b = try rng.randn([8]) * 0.3
        let probe = try rng.randn([64, 8, 12, 12])
        let leaves = Tensor.leaves([x, w, b])
        let fused = try leaves[0].conv2d(leaves[1], bias: leaves[2], relu: true)
        let composed = try (leaves[0].conv2d(leaves[1]) + leaves[2].reshaped([1, 8, 1, 1])).relu()
        #expect(close(fused, composed, rel: 1e-12, abs: 1e-12))
        let gf = try backward(try (fused * probe).sum(), wrt: leaves)
        let gc = try backward(try (composed * probe).sum(), wrt: leaves)
        for k in 0..<3 {
            #expect(close(gf[k], gc[k], rel: 1e-11, abs: 1e-12), "input \(k)")
        }
        let (xs, ws, bs) = (try rng.randn([2, 3, 5, 5]), try rng.randn([4, 3, 3, 3]), try rng.randn([4]))
        #expect(try gradientError([xs, ws, bs]) { try $0[0].conv2d($0[1], bias: $0[2], relu: true, stride: 2, pad: 1) } < tol)
        #expect(try gradientError([xs, ws, bs]) { try $0[0].conv2d($0[1], bias: $0[2], relu: false, pad: 1) } < tol)
        #expect(throws: TensorError.self) { try xs.conv2d(ws, bias: Tensor(repeating: 0, shape: [3]), relu: false) }
    }

    @Test mutating func poolingValuesAndGradients() throws {
        let x = iota([1, 1, 4, 5])
        #expect(try x.maxPool(2).data == [7, 9, 17, 19])
        #expect(try x.avgPool(2).data == [4, 6, 14, 16])
        // Ties go to the first maximum; a NaN wins over numbers (as PyTorch).
        #expect(try Tensor(shape: [2, 2], data: [1, .nan, 3, 4]).maxPool(2).data[0].isNaN)
        let tie = Tensor.leaves([Tensor(shape: [2, 2], data: [5, 5, 1, 5])])
        #expect(try backward(try tie[0].maxPool(2).sum(), wrt: tie)[0].data == [1, 0, 0, 0])
        // Distinct values, so each window has one maximum.
        let y = try rng.randn([2, 3, 7, 6])
        #expect(try gradientError([y]) { try $0[0].maxPool(2) } < tol)
        #expect(try gradientError([y]) { try $0[0].avgPool(3) } < tol)
        #expect(try gradientError([y]) { try $0[0].maxPool(3) } < tol)
    }

    @Test func badSizesAreErrors() throws {
        let x = Tensor(repeating: 0, shape: [1, 2, 4, 4])
        #expect(throws: TensorError.self) { try x.conv2d(Tensor(repeating: 0, shape: [3, 1, 3, 3])) }
        #expect(throws: TensorError.self) { try x.conv2d(Tensor(repeating: 0, shape: [3, 2, 5, 5])) }
        #expect(throws: TensorError.self) { try x.conv2d(Tensor(repeating: 0, shape: [3, 2, 3, 3]), stride: 0) }
        #expect(throws: TensorError.self) { try x.maxPool(5) }
        #expect(throws: TensorError.self) { try x.avgPool(0) }
        #expect(throws: TensorError.self) { try Tensor([1, 2, 3]).maxPool(1) }
    }
}
