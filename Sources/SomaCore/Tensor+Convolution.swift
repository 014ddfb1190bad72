/// Convolution and pooling for convolutional networks, in PyTorch's layout
/// (N x C x H x W images). The convolution is im2col followed by one BLAS
/// product for the whole batch; its gradient and the pooling gradients are
/// entries of the primitive table (`Primitives.conv2d`, `.maxPool`, `.avgPool`).
extension Tensor {
    /// The 2-D cross-correlation of a batch of images with a bank of kernels
    /// (what `nn.Conv2d` computes, without bias):
    /// `out[n, o, y, x] = Σ_c,i,j w[o, c, i, j] · in[n, c, y·stride + i − pad, x·stride + j − pad]`,
    /// zero outside the image.
    ///
    ///     let maps = try images.conv2d(kernels, stride: 1, pad: 1)   // [N, 1, 8, 8] ⋆ [16, 1, 3, 3] -> [N, 16, 8, 8]
    ///
    /// - Throws: `TensorError.shape` when the ranks or channel counts disagree
    ///   or the kernel does not fit; `.value` for stride < 1 or pad < 0.
    public func conv2d(_ kernels: Tensor, stride: Int = 1, pad: Int = 0) throws -> Tensor {
        let g = try ConvGeometry(input: shape, kernel: kernels.shape, stride: stride, pad: pad)
        let cols = im2col(data, g)
        let product = try gemm(kernels.data, cols, batches: 1, m: g.o, k: g.patch, n: g.columns)
        let out = Tensor(shape: g.outputShape, data: swapImageAndChannel(product, n: g.n, o: g.o, positions: g.positions))
        guard node != nil || kernels.node != nil else { return out }
        return Tensor.record(out, [self, kernels], Primitives.conv2d(geometry: g, cols: cols, kernels: kernels,
                                                                      needInput: node != nil, needKernels: kernels.node != nil))
    }

    /// Max pooling over non-overlapping k x k windows of the last two axes
    /// (stride k; rows and columns beyond a whole window are dropped, as
    /// PyTorch's `MaxPool2d(k)`). Leading axes (N, C) are kept.
    ///
    /// - Throws: `TensorError.shape` when the tensor has fewer than two axes
    ///   or is smaller than one window; `.value` for k < 1.
    public func maxPool(_ k: Int) throws -> Tensor {
        let p = try PoolGeometry(shape, k)
        var out = [Double](repeating: 0, count: p.outputCount)
        var winner = [Int](repeating: 0, count: p.outputCount)
        data.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                winner.withUnsafeMutableBufferPointer { pw in
                    guard let x = px.baseAddress, let o = po.baseAddress, let w = pw.baseAddress else { return }
                    var index = 0
                    for plane in 0..<p.planes {
                        let base = plane * p.h * p.w
                        for y in 0..<p.ho {
                            for column in 0..<p.wo {
                                let start = base + y * k * p.w + column * k
                                var best = x[start], at = start, nan = -1
                                for i in 0..<k {
                                    let row = start + i * p.w
                                    for j in 0..<k {
                                        // The first maximum wins. Selects, not branches: which
                                        // element wins is random, so a branch would mispredict.
                                        let v = x[row + j]
                                        let better = v > best
                                        best = better ? v : best
                                        at = better ? row + j : at
                                        nan = v.isNaN ? row + j : nan
                                    }
                                }
                                if nan >= 0 {   // a NaN in the window wins over numbers
                                    best = x[nan]
                                    at = nan
                                }
                                o[index] = best
                                w[index] = at
                                index += 1
                            }
                        }
                    }
                }
            }
        }
        let result = Tensor(shape: p.outputShape, data: out)
        guard node != nil else { return result }
        return Tensor.record(result, [self], Primitives.maxPool(inputShape: shape, winners: winner))
    }

    /// Average pooling over non-overlapping k x k windows of the last two axes
    /// (stride k, incomplete windows dropped, as PyTorch's `AvgPool2d(k)`).
    ///
    /// - Throws: as `maxPool`.
    public func avgPool(_ k: Int) throws -> Tensor {
        let p = try PoolGeometry(shape, k)
        var out = [Double](repeating: 0, count: p.outputCount)
        let scale = 1 / Double(k * k)
        data.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                p.forEachWindow { o, start in
                    var total = 0.0
                    for i in 0..<k {
                        let row = start + i * p.w
                        for j in 0..<k { total += px[row + j] }
                    }
                    po[o] = total * scale
                }
            }
        }
        let result = Tensor(shape: p.outputShape, data: out)
        guard node != nil else { return result }
        return Tensor.record(result, [self], Primitives.avgPool(geometry: p))
    }
}

/// The windows of a k x k pooling with stride k over the last two axes.
struct PoolGeometry {
    let planes, h, w, k, ho, wo: Int
    let outputShape: [Int]
    var outputCount: Int { planes * ho * wo }

    init(_ shape: [Int], _ k: Int) throws {
        guard k >= 1 else { throw TensorError.value("pooling needs a window k >= 1, got \(k)") }
        guard shape.count >= 2 else {
            throw TensorError.shape("pooling needs at least two axes (H x W, or N x C x H x W), got shape \(shape)")
        }
        (h, w) = (shape[shape.count - 2], shape[shape.count - 1])
        guard h >= k, w >= k else {
            throw TensorError.shape("a \(k) x \(k) pooling window does not fit a \(h) x \(w) image")
        }
        self.k = k
        planes = Shape.count(Array(shape.dropLast(2)))
        (ho, wo) = (h / k, w / k)
        outputShape = Array(shape.dropLast(2)) + [ho, wo]
    }

    /// Calls `body(outputIndex, inputOffsetOfTheWindowsTopLeft)` for every window.
    @inline(__always)
    func forEachWindow(_ body: (Int, Int) -> Void) {
        var o = 0
        for plane in 0..<planes {
            let base = plane * h * w
            for y in 0..<ho {
                for x in 0..<wo {
                    body(o, base + y * k * w + x * k)
                    o += 1
                }
            }
        }
    }
}
