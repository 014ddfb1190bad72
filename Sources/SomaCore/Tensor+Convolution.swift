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
        try conv2d(kernels, bias: nil, relu: false, stride: stride, pad: pad)
    }

    /// `conv2d` with a bias per output channel added and, when `relu` is set,
    /// the ReLU `max(z, 0)` applied, in the same pass over the output: what a
    /// convolutional layer computes, without the two extra tensors (and their
    /// gradients) the separate operations would make.
    ///
    ///     let maps = try images.conv2d(kernels, bias: b, relu: true)   // relu(conv2d(x, w) + b[o])
    ///
    /// - Throws: as `conv2d(_:stride:pad:)`, and `TensorError.shape` when the
    ///   bias does not have one element per kernel.
    public func conv2d(_ kernels: Tensor, bias: Tensor?, relu: Bool, stride: Int = 1, pad: Int = 0) throws -> Tensor {
        let g = try ConvGeometry(input: shape, kernel: kernels.shape, stride: stride, pad: pad)
        if let bias, bias.count != g.o || bias.rank > 1 {
            throw TensorError.shape("conv2d: the bias needs one element per kernel (\(g.o)), got shape \(bias.shape)")
        }
        let kernel = ConvKernel(g: g, relu: relu)
        let parts = kernelWorkers(rows: g.n, work: g.o * g.patch * g.columns)
        var cols = [Double](repeating: 0, count: 0)
        let (wd, bd) = (kernels.data, bias?.data)
        let out = [Double](unsafeUninitializedCapacity: g.n * g.o * g.positions) { po, initialized in
            cols = [Double](unsafeUninitializedCapacity: g.patch * g.columns) { pc, filled in
                data.withUnsafeBufferPointer { px in
                    wd.withUnsafeBufferPointer { pw in
                        guard let x = px.baseAddress, let w = pw.baseAddress, let c = pc.baseAddress,
                              let o = po.baseAddress else { return }
                        if let bd {
                            bd.withUnsafeBufferPointer { pb in
                                kernel.forward(x: x, w: w, bias: pb.baseAddress, cols: c, out: o, parts: parts)
                            }
                        } else {
                            kernel.forward(x: x, w: w, bias: nil, cols: c, out: o, parts: parts)
                        }
                    }
                }
                filled = g.patch * g.columns
            }
            initialized = g.n * g.o * g.positions
        }
        let result = Tensor(shape: g.outputShape, data: out)
        let inputs = [self, kernels] + (bias.map { [$0] } ?? [])
        guard inputs.contains(where: { $0.node != nil }) else { return result }
        let (needInput, needKernels, needBias) = (node != nil, kernels.node != nil, bias?.node != nil)
        let (inputShape, kernelShape, biasShape) = (shape, kernels.shape, bias?.shape ?? [])
        let saved = cols
        return Tensor.record(result, inputs) { grad in
            guard grad.count == out.count else {
                throw TensorError.shape("conv2d: the gradient has shape \(grad.shape), expected \(g.outputShape)")
            }
            var gx = [Double](repeating: 0, count: needInput ? Shape.count(inputShape) : 0)
            var gw = [Double](repeating: 0, count: needKernels ? wd.count : 0)
            var gb = [Double](repeating: 0, count: needBias ? g.o : 0)
            grad.data.withUnsafeBufferPointer { pg in
                out.withUnsafeBufferPointer { po in
                    wd.withUnsafeBufferPointer { pw in
                        saved.withUnsafeBufferPointer { pc in
                            gx.withUnsafeMutableBufferPointer { pgx in
                                gw.withUnsafeMutableBufferPointer { pgw in
                                    gb.withUnsafeMutableBufferPointer { pgb in
                                        guard let gr = pg.baseAddress, let o = po.baseAddress, let w = pw.baseAddress,
                                              let c = pc.baseAddress else { return }
                                        kernel.backward(grad: gr, out: o, w: w, cols: c, gw: needKernels ? pgw.baseAddress : nil,
                                                        gb: needBias ? pgb.baseAddress : nil,
                                                        gx: needInput ? pgx.baseAddress : nil, parts: parts)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var grads: [Tensor?] = [needInput ? Tensor(shape: inputShape, data: gx) : nil,
                                    needKernels ? Tensor(shape: kernelShape, data: gw) : nil]
            if bias != nil { grads.append(needBias ? Tensor(shape: biasShape, data: gb) : nil) }
            return grads
        }
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
                    if k == 2 {
                        maxPool2(x, p, o, w)
                        return
                    }
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

/// `maxPool` for 2 x 2 windows, the common case, with the window unrolled:
/// the same winners as the general loop (the first maximum in row-major
/// order, and the last NaN of a window over any number).
private func maxPool2(_ x: UnsafePointer<Double>, _ p: PoolGeometry, _ out: UnsafeMutablePointer<Double>,
                      _ winner: UnsafeMutablePointer<Int>) {
    var index = 0
    for plane in 0..<p.planes {
        let base = plane * p.h * p.w
        for y in 0..<p.ho {
            let top = base + 2 * y * p.w
            let bottom = top + p.w
            for column in 0..<p.wo {
                let (i0, i1, i2, i3) = (top + 2 * column, top + 2 * column + 1, bottom + 2 * column, bottom + 2 * column + 1)
                let (a, b, c, d) = (x[i0], x[i1], x[i2], x[i3])
                var best = a, at = i0
                let gb = b > best
                (best, at) = (gb ? b : best, gb ? i1 : at)
                let gc = c > best
                (best, at) = (gc ? c : best, gc ? i2 : at)
                let gd = d > best
                (best, at) = (gd ? d : best, gd ? i3 : at)
                let nan = d.isNaN ? i3 : c.isNaN ? i2 : b.isNaN ? i1 : a.isNaN ? i0 : -1
                if nan >= 0 {
                    best = x[nan]
                    at = nan
                }
                out[index] = best
                winner[index] = at
                index += 1
            }
        }
    }
}
