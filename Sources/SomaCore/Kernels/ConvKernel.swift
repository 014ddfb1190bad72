/// The loops of `Tensor.conv2d` image by image: each image's patch matrix
/// (im2col) times the kernels gives that image's N x C x H x W block of the
/// output directly, with the bias and ReLU applied in the same pass; the
/// gradient walks the same blocks back. Images are cut into blocks that run
/// on separate threads; each block adds up its own kernel and bias
/// gradients, which are summed in a fixed order afterwards, so the results do
/// not depend on thread timing. Every BLAS call stays under OpenBLAS's
/// threading threshold (`stridedProduct`).
struct ConvKernel {
    let g: ConvGeometry
    let relu: Bool

    /// Elements of one image's patch matrix (patch x positions).
    var colsPerImage: Int { g.patch * g.positions }

    /// The images of block `part` of `parts`.
    func block(_ part: Int, of parts: Int) -> Range<Int> {
        (part * g.n / parts)..<((part + 1) * g.n / parts)
    }

    /// Fills `cols` (n blocks of patch x positions) from the images x and
    /// writes `out` (N x O x Ho x Wo) = act(w · cols + bias).
    func forward(x: UnsafePointer<Double>, w: UnsafePointer<Double>, bias: UnsafePointer<Double>?,
                 cols: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>, parts: Int) {
        let (P, O) = (g.positions, g.o)
        inParallel(parts) { part in
            for img in block(part, of: parts) {
                let c = cols + img * colsPerImage, o = out + img * O * P
                im2colImage(x + img * g.c * g.h * g.w, into: c)
                if let bias {
                    for oc in 0..<O { (o + oc * P).update(repeating: bias[oc], count: P) }
                }
                stridedProduct(StridedMatrix(base: w, stride: g.patch), StridedMatrix(base: c, stride: P),
                               o, ldc: P, m: O, n: P, k: g.patch, beta: bias == nil ? 0 : 1)
                if relu { reluInPlace(o, O * P) }
            }
        }
    }

    /// The gradients for the output gradient `grad` (N x O x Ho x Wo): adds
    /// ∂E/∂w into gw (O x patch) and ∂E/∂bias into gb (O), both zero on
    /// entry, and writes ∂E/∂x into gx (N x C x H x W, zero on entry) when
    /// given. `out` is the forward output (for the ReLU's mask).
    func backward(grad: UnsafePointer<Double>, out: UnsafePointer<Double>, w: UnsafePointer<Double>,
                  cols: UnsafePointer<Double>, gw: UnsafeMutablePointer<Double>?, gb: UnsafeMutablePointer<Double>?,
                  gx: UnsafeMutablePointer<Double>?, parts: Int) {
        let (P, O, K) = (g.positions, g.o, g.patch)
        let sums = (0..<parts).map { _ in Workspace(O * K + O, zeroed: true) }
        let sumBases = sums.map(\.base)
        inParallel(parts) { part in
            let gpre = Workspace(O * P), dcols = Workspace(gx == nil ? 1 : K * P)
            let pw = sumBases[part], pb = sumBases[part] + O * K
            for img in block(part, of: parts) {
                let gi = grad + img * O * P, oi = out + img * O * P
                let gp = gpre.base
                if relu {
                    reluGradient(gp, gi, oi, O * P)
                } else {
                    gp.update(from: gi, count: O * P)
                }
                for oc in 0..<O { pb[oc] += rowSum(gp + oc * P, P) }
                let gm = StridedMatrix(base: gp, stride: P)
                if gw != nil {
                    stridedProduct(gm, StridedMatrix(base: cols + img * colsPerImage, stride: P), transposeB: true,
                                   pw, ldc: K, m: O, n: K, k: P, beta: 1)
                }
                if let gx {
                    stridedProduct(StridedMatrix(base: w, stride: K), transposeA: true, gm,
                                   dcols.base, ldc: P, m: K, n: P, k: O, beta: 0)
                    col2imImage(dcols.base, into: gx + img * g.c * g.h * g.w)
                }
            }
            withExtendedLifetime((gpre, dcols)) {}
        }
        for part in 0..<parts {
            let p = sumBases[part]
            if let gw { for e in 0..<O * K { gw[e] += p[e] } }
            if let gb { for oc in 0..<O { gb[oc] += p[O * K + oc] } }
        }
        withExtendedLifetime(sums) {}
    }

    /// One image's patch matrix: row (channel, kernel row, kernel column),
    /// column (output row, output column); 0 where the patch lies in the padding.
    func im2colImage(_ x: UnsafePointer<Double>, into cols: UnsafeMutablePointer<Double>) {
        var row = 0
        for ci in 0..<g.c {
            for i in 0..<g.kh {
                for j in 0..<g.kw {
                    var dst = cols + row * g.positions
                    for oy in 0..<g.ho {
                        let iy = oy * g.stride + i - g.pad
                        guard iy >= 0, iy < g.h else {
                            dst.update(repeating: 0, count: g.wo)
                            dst += g.wo
                            continue
                        }
                        let line = x + (ci * g.h + iy) * g.w
                        if g.stride == 1, g.pad == 0 {
                            dst.update(from: line + j, count: g.wo)
                        } else {
                            for ox in 0..<g.wo {
                                let ix = ox * g.stride + j - g.pad
                                dst[ox] = ix >= 0 && ix < g.w ? line[ix] : 0
                            }
                        }
                        dst += g.wo
                    }
                    row += 1
                }
            }
        }
    }

    /// The adjoint of `im2colImage`: each patch-matrix entry added back to the
    /// pixel it was read from (padding dropped).
    func col2imImage(_ cols: UnsafePointer<Double>, into x: UnsafeMutablePointer<Double>) {
        var row = 0
        for ci in 0..<g.c {
            for i in 0..<g.kh {
                for j in 0..<g.kw {
                    var src = cols + row * g.positions
                    for oy in 0..<g.ho {
                        let iy = oy * g.stride + i - g.pad
                        if iy >= 0, iy < g.h {
                            let line = x + (ci * g.h + iy) * g.w
                            for ox in 0..<g.wo {
                                let ix = ox * g.stride + j - g.pad
                                if ix >= 0, ix < g.w { line[ix] += src[ox] }
                            }
                        }
                        src += g.wo
                    }
                    row += 1
                }
            }
        }
    }

    /// The sum of n numbers with eight running partial sums, so the adds
    /// do not wait on each other (a single running sum does not vectorise).
    @inline(__always)
    func rowSum(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var s = SIMD8<Double>()
        var p = 0
        while p + 8 <= n {
            s += SIMD8(x[p], x[p + 1], x[p + 2], x[p + 3], x[p + 4], x[p + 5], x[p + 6], x[p + 7])
            p += 8
        }
        var total = s.sum()
        while p < n {
            total += x[p]
            p += 1
        }
        return total
    }

    /// out[e] = g[e] where y[e] > 0, else 0 (the ReLU's gradient from its
    /// output y), eight lanes at a time: a branch per element mispredicts on
    /// half of them.
    @inline(__always)
    func reluGradient(_ out: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) {
        var e = 0
        while e + 8 <= n {
            let ye = UnsafeRawPointer(y + e).loadUnaligned(as: SIMD8<Double>.self)
            let ge = UnsafeRawPointer(g + e).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(out + e).storeBytes(of: ge.replacing(with: 0, where: .!(ye .> 0)), as: SIMD8<Double>.self)
            e += 8
        }
        while e < n {
            out[e] = y[e] > 0 ? g[e] : 0
            e += 1
        }
    }

    /// x[e] = x[e] where x[e] > 0, else 0 (NaN becomes 0, as the ReLU kernel), eight lanes at a time.
    @inline(__always)
    func reluInPlace(_ x: UnsafeMutablePointer<Double>, _ n: Int) {
        var e = 0
        while e + 8 <= n {
            let v = UnsafeRawPointer(x + e).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(x + e).storeBytes(of: v.replacing(with: 0, where: .!(v .> 0)), as: SIMD8<Double>.self)
            e += 8
        }
        while e < n {
            x[e] = x[e] > 0 ? x[e] : 0
            e += 1
        }
    }
}
