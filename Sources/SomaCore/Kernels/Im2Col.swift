/// The sizes of one 2-D convolution (a cross-correlation, as in PyTorch's
/// `Conv2d`): input N x C x H x W, kernels O x C x KH x KW, zero padding `pad`
/// on every side, step `stride`; output N x O x Ho x Wo.
struct ConvGeometry {
    let n, c, h, w: Int
    let o, kh, kw: Int
    let stride, pad: Int
    let ho, wo: Int

    /// Rows of the patch matrix: one per kernel weight of one output channel.
    var patch: Int { c * kh * kw }
    /// Output positions per image.
    var positions: Int { ho * wo }
    /// Columns of the patch matrix: every output position of every image.
    var columns: Int { n * ho * wo }

    /// - Throws: `TensorError.shape` when the ranks, channels or sizes do not fit.
    init(input: [Int], kernel: [Int], stride: Int, pad: Int) throws {
        guard input.count == 4, kernel.count == 4 else {
            throw TensorError.shape("conv2d needs an N x C x H x W input and O x C x KH x KW kernels, got shapes \(input) and \(kernel)")
        }
        guard stride >= 1, pad >= 0 else {
            throw TensorError.value("conv2d needs stride >= 1 and pad >= 0, got stride \(stride) and pad \(pad)")
        }
        (n, c, h, w) = (input[0], input[1], input[2], input[3])
        (o, kh, kw) = (kernel[0], kernel[2], kernel[3])
        guard kernel[1] == c else {
            throw TensorError.shape("conv2d: the input has \(c) channels but the kernels expect \(kernel[1]) (input \(input), kernels \(kernel))")
        }
        guard kh >= 1, kw >= 1, h + 2 * pad >= kh, w + 2 * pad >= kw else {
            throw TensorError.shape("conv2d: a \(kh) x \(kw) kernel does not fit a \(h) x \(w) image with padding \(pad)")
        }
        (self.stride, self.pad) = (stride, pad)
        ho = (h + 2 * pad - kh) / stride + 1
        wo = (w + 2 * pad - kw) / stride + 1
        _ = try Shape.checkedCount([patch, n, ho, wo])
        try Shape.checkWork([o, patch, n, ho, wo], "this convolution")
    }

    var outputShape: [Int] { [n, o, ho, wo] }
}
