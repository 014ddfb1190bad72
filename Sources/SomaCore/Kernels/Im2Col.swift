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

/// The patch matrix (im2col): `patch` rows (channel, kernel row, kernel
/// column) by `columns` columns (image, output row, output column), each
/// column holding the input pixels one output position sees (0 in padding).
func im2col(_ x: [Double], _ g: ConvGeometry) -> [Double] {
    // Without padding every entry is written below, so only padded patches need zeros.
    var cols = g.pad == 0 ? uninitializedArray(g.patch * g.columns) : [Double](repeating: 0, count: g.patch * g.columns)
    x.withUnsafeBufferPointer { px in
        cols.withUnsafeMutableBufferPointer { pc in
            forEachPatchRow(g) { row, ci, i, j in
                for img in 0..<g.n {
                    let src = (img * g.c + ci) * g.h * g.w
                    var dst = row * g.columns + img * g.positions
                    for oy in 0..<g.ho {
                        let iy = oy * g.stride + i - g.pad
                        if iy < 0 || iy >= g.h { dst += g.wo; continue }
                        let line = src + iy * g.w
                        for ox in 0..<g.wo {
                            let ix = ox * g.stride + j - g.pad
                            if ix >= 0 && ix < g.w { pc[dst] = px[line + ix] }
                            dst += 1
                        }
                    }
                }
            }
        }
    }
    return cols
}

/// The adjoint of `im2col` (col2im): each patch-matrix entry added back to
/// the input pixel it was read from; padding positions are dropped.
func col2im(_ cols: [Double], _ g: ConvGeometry) -> [Double] {
    var x = [Double](repeating: 0, count: g.n * g.c * g.h * g.w)
    cols.withUnsafeBufferPointer { pc in
        x.withUnsafeMutableBufferPointer { px in
            forEachPatchRow(g) { row, ci, i, j in
                for img in 0..<g.n {
                    let dstBase = (img * g.c + ci) * g.h * g.w
                    var src = row * g.columns + img * g.positions
                    for oy in 0..<g.ho {
                        let iy = oy * g.stride + i - g.pad
                        if iy < 0 || iy >= g.h { src += g.wo; continue }
                        let line = dstBase + iy * g.w
                        for ox in 0..<g.wo {
                            let ix = ox * g.stride + j - g.pad
                            if ix >= 0 && ix < g.w { px[line + ix] += pc[src] }
                            src += 1
                        }
                    }
                }
            }
        }
    }
    return x
}

/// Calls `body(row, channel, kernelRow, kernelColumn)` for each patch-matrix row.
@inline(__always)
private func forEachPatchRow(_ g: ConvGeometry, _ body: (Int, Int, Int, Int) -> Void) {
    var row = 0
    for ci in 0..<g.c {
        for i in 0..<g.kh {
            for j in 0..<g.kw {
                body(row, ci, i, j)
                row += 1
            }
        }
    }
}

/// `[o, n * positions]` (channel-major, as the product gives it) to
/// `[n, o, positions]` (N x O x Ho x Wo), or back with `inverse`.
func swapImageAndChannel(_ a: [Double], n: Int, o: Int, positions: Int, inverse: Bool = false) -> [Double] {
    var out = uninitializedArray(a.count)
    a.withUnsafeBufferPointer { pa in
        out.withUnsafeMutableBufferPointer { buffer in
            guard let pa = pa.baseAddress, let po = buffer.baseAddress, n * o * positions == a.count else {
                buffer.update(repeating: 0)
                return
            }
            for img in 0..<n {
                for oc in 0..<o {
                    let nchw = (img * o + oc) * positions
                    let cm = oc * n * positions + img * positions
                    let (src, dst) = inverse ? (nchw, cm) : (cm, nchw)
                    (po + dst).update(from: pa + src, count: positions)
                }
            }
        }
    }
    return out
}

/// An array of `count` doubles that the caller overwrites entirely: skipping
/// the zero fill saves a pass over memory (Double is a trivial type).
private func uninitializedArray(_ count: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
