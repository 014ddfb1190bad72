/// The loops of `Tensor.lstmSequence` over raw buffers: the forward pass
/// over time, and backpropagation through time over the buffers it kept.
///
/// Rows are time-major (row t·B + b) so each step of a block of sequences
/// is one contiguous matrix. A step is one BLAS product of the rows
/// [h_{t−1}, x_t, 1] (kept side by side in `hx`) with [W; b], then one
/// vectorised pass over the gates; the column of ones adds the bias in the
/// product and gives its gradient as one more row of the weight gradient's. Sequences do not interact, so the batch is cut into
/// blocks of rows that run on separate threads from start to end; each
/// block accumulates its own weight gradient and the blocks' sums are added
/// in a fixed order, so results do not depend on thread timing. F is the
/// element type throughout (Float64, or Float32 for float32 tensors).
final class LSTMTape<F: RecurrentFloat> {
    let batch, steps, inputs, hidden: Int
    var width: Int { 4 * hidden }
    /// A row of `hx`: h, x and the 1 for the bias.
    var augmented: Int { hidden + inputs + 1 }
    /// T·B rows of [h_{t−1}, x_t, 1] (h_{−1} = 0).
    let hx: KernelBuffer<F>
    /// T·B rows of [f, i, o, c̃] after their nonlinearities.
    let gates: KernelBuffer<F>
    /// T·B rows of c_t and of tanh(c_t).
    let cells: KernelBuffer<F>
    let tanhCells: KernelBuffer<F>
    /// [W; b]: (H + I + 1) x 4H.
    let weights: KernelBuffer<F>

    init(batch: Int, steps: Int, inputs: Int, hidden: Int) {
        (self.batch, self.steps, self.inputs, self.hidden) = (batch, steps, inputs, hidden)
        let rows = batch * steps
        hx = KernelBuffer(rows * (hidden + inputs + 1), zeroed: true)
        weights = KernelBuffer((hidden + inputs + 1) * 4 * hidden)
        gates = KernelBuffer(rows * 4 * hidden)
        cells = KernelBuffer(rows * hidden)
        tanhCells = KernelBuffer(rows * hidden)
    }

    /// The batch rows of block `part` of `parts`.
    func block(_ part: Int, of parts: Int) -> Range<Int> {
        (part * batch / parts)..<((part + 1) * batch / parts)
    }

    /// Runs the forward pass for inputs x (B x T x I, batch-major), weights w
    /// ((H + I) x 4H, h rows first) and bias b (4H), writing the hidden states
    /// to out (B x T x H, batch-major).
    func forward(x: UnsafePointer<F>, w: UnsafePointer<F>, b: UnsafePointer<F>,
                 out: UnsafeMutablePointer<F>, parts: Int) {
        let (B, T, I, H, G, S) = (batch, steps, inputs, hidden, width, augmented)
        let hx = self.hx.base, gates = self.gates.base, cells = self.cells.base, tanhCells = self.tanhCells.base
        let wb = weights.base
        wb.update(from: w, count: (H + I) * G)
        (wb + (H + I) * G).update(from: b, count: G)
        for bi in 0..<B {
            for t in 0..<T {
                let row = hx + (t * B + bi) * S
                (row + H).update(from: x + (bi * T + t) * I, count: I)
                row[H + I] = 1
            }
        }
        // 1 for the logistic gates f, i, o, 2 for c̃ (see scaledLogistic).
        let scales = KernelBuffer<F>(G)
        let scale = scales.base
        for j in 0..<G { scale[j] = j < 3 * H ? 1 : 2 }
        inParallel(parts) { part in
            let rows = self.block(part, of: parts)
            let m = rows.count
            guard m > 0 else { return }
            for t in 0..<T {
                let row0 = t * B + rows.lowerBound
                let z = gates + row0 * G
                if t == 0 {   // h_{−1} = 0: only the rows of W for x and b
                    stridedProduct(StridedMatrix(base: hx + row0 * S + H, stride: S), StridedMatrix(base: wb + H * G, stride: G),
                                   z, ldc: G, m: m, n: G, k: I + 1, beta: 0)
                } else {
                    stridedProduct(StridedMatrix(base: hx + row0 * S, stride: S), StridedMatrix(base: wb, stride: G),
                                   z, ldc: G, m: m, n: G, k: S, beta: 0)
                }
                // f, i, o logistic and c̃ = tanh = 2σ(2x) − 1, one vectorised pass per row.
                for r in 0..<m { F.scaledLogistic(z + r * G, scale, G) }
                let c = cells + row0 * H, tc = tanhCells + row0 * H
                for r in 0..<m {
                    let zr = z + r * G, cr = c + r * H
                    if t == 0 {
                        for j in 0..<H { cr[j] = zr[H + j] * zr[3 * H + j] }
                    } else {
                        let prev = cr - B * H
                        var j = 0
                        while j + 4 <= H {   // as a scalar loop it did not vectorise (the pointers may alias)
                            store4(load4(zr + j) * load4(prev + j) + load4(zr + H + j) * load4(zr + 3 * H + j), cr + j)
                            j += 4
                        }
                        while j < H {
                            cr[j] = zr[j] * prev[j] + zr[H + j] * zr[3 * H + j]
                            j += 1
                        }
                    }
                }
                F.tanhInto(tc, from: c, m * H)
                for r in 0..<m {
                    let zr = z + r * G, tr = tc + r * H
                    let h = out + ((rows.lowerBound + r) * T + t) * H
                    for j in 0..<H { h[j] = zr[2 * H + j] * tr[j] }
                    if t + 1 < T { (hx + (row0 + B + r) * S).update(from: h, count: H) }
                }
            }
        }
        withExtendedLifetime(scales) {}
    }

    /// Backpropagation through time for the output gradient g (B x T x H,
    /// batch-major): adds ∂E/∂W into gw ((H + I) x 4H) and ∂E/∂b into gb (4H),
    /// both zero on entry, and writes ∂E/∂x into gx (B x T x I) when given.
    func backward(g: UnsafePointer<F>, w: UnsafePointer<F>, gw: UnsafeMutablePointer<F>,
                  gb: UnsafeMutablePointer<F>, gx: UnsafeMutablePointer<F>?, parts: Int) {
        let (B, T, I, H, G, S) = (batch, steps, inputs, hidden, width, augmented)
        let hx = self.hx.base, gates = self.gates.base, tanhCells = self.tanhCells.base, cells = self.cells.base
        // Each block's gradient of [W; b], added up after the blocks finish.
        let sums = (0..<parts).map { _ in KernelBuffer<F>(S * G, zeroed: true) }
        let sumBases = sums.map(\.base)
        inParallel(parts) { part in
            let rows = self.block(part, of: parts)
            let m = rows.count
            guard m > 0 else { return }
            let dz = KernelBuffer<F>(m * G), dhNext = KernelBuffer<F>(m * H, zeroed: true)
            let dcNext = KernelBuffer<F>(m * H, zeroed: true), zeroRow = KernelBuffer<F>(H, zeroed: true)
            let (dzp, dhp, dcp) = (dz.base, dhNext.base, dcNext.base)
            let pw = sumBases[part]
            for t in stride(from: T - 1, through: 0, by: -1) {
                let row0 = t * B + rows.lowerBound
                for r in 0..<m {
                    let zr = gates + (row0 + r) * G, dzr = dzp + r * G
                    let tc = tanhCells + (row0 + r) * H
                    let cPrev = t > 0 ? cells + (row0 - B + r) * H : zeroRow.base
                    let gr = g + ((rows.lowerBound + r) * T + t) * H
                    let dhr = dhp + r * H, dcr = dcp + r * H
                    var j = 0
                    while j + 4 <= H {   // four lanes at a time: as a scalar loop it did not vectorise
                        let f = load4(zr + j), i = load4(zr + H + j), o = load4(zr + 2 * H + j), cc = load4(zr + 3 * H + j)
                        let tcj = load4(tc + j)
                        let dh = load4(gr + j) + load4(dhr + j)
                        let dc = load4(dcr + j) + dh * o * (1 - tcj * tcj)
                        store4(dc * load4(cPrev + j) * f * (1 - f), dzr + j)
                        store4(dc * cc * i * (1 - i), dzr + H + j)
                        store4(dh * tcj * o * (1 - o), dzr + 2 * H + j)
                        store4(dc * i * (1 - cc * cc), dzr + 3 * H + j)
                        store4(dc * f, dcr + j)
                        j += 4
                    }
                    while j < H {
                        let (f, i, o, cc) = (zr[j], zr[H + j], zr[2 * H + j], zr[3 * H + j])
                        let tcj = tc[j]
                        let dh = gr[j] + dhr[j]
                        let dc = dcr[j] + dh * o * (1 - tcj * tcj)
                        dzr[j] = dc * cPrev[j] * f * (1 - f)
                        dzr[H + j] = dc * cc * i * (1 - i)
                        dzr[2 * H + j] = dh * tcj * o * (1 - o)
                        dzr[3 * H + j] = dc * i * (1 - cc * cc)
                        dcr[j] = dc * f
                        j += 1
                    }
                }
                let dzm = StridedMatrix(base: dzp, stride: G)
                // d[W; b] += [h_{t−1}, x_t, 1]ᵀ · dz_t (h_{−1} = 0 adds nothing to the h rows).
                if t > 0 {
                    stridedProduct(StridedMatrix(base: hx + row0 * S, stride: S), transposeA: true, dzm,
                                   pw, ldc: G, m: S, n: G, k: m, beta: 1)
                } else {
                    stridedProduct(StridedMatrix(base: hx + row0 * S + H, stride: S), transposeA: true, dzm,
                                   pw + H * G, ldc: G, m: I + 1, n: G, k: m, beta: 1)
                }
                // ∂E/∂h_{t−1} = dz_t · W_hᵀ and ∂E/∂x_t = dz_t · W_xᵀ (rows of x are T·I apart in gx).
                if t > 0 {
                    stridedProduct(dzm, StridedMatrix(base: w, stride: G), transposeB: true,
                                   dhp, ldc: H, m: m, n: H, k: G, beta: 0)
                }
                if let gx {
                    stridedProduct(dzm, StridedMatrix(base: w + H * G, stride: G), transposeB: true,
                                   gx + (rows.lowerBound * T + t) * I, ldc: T * I, m: m, n: I, k: G, beta: 0)
                }
            }
            withExtendedLifetime((dz, dhNext, dcNext, zeroRow)) {}
        }
        for part in 0..<parts {
            let p = sumBases[part]
            for e in 0..<(H + I) * G { gw[e] += p[e] }
            for j in 0..<G { gb[j] += p[(H + I) * G + j] }
        }
        withExtendedLifetime(sums) {}
    }
}

/// In place, z[j] ← a·σ(a·z[j]) + 1 − a with a = scale[j]: the logistic
/// for a = 1 and tanh (2σ(2x) − 1) for a = 2, in one vectorised pass
/// through `expCore`. Arguments of e beyond ±708 are clamped there, which
/// moves a result by less than 1e-307; NaN stays NaN.
@inline(__always)
func scaledLogistic(_ z: UnsafeMutablePointer<Double>, _ scale: UnsafePointer<Double>, _ n: Int) {
    for j in 0..<n {
        let a = scale[j]
        let v = -a * z[j]
        let e = expCore(v < -708 ? -708 : (v > 708 ? 708 : v))
        z[j] = a / (1 + e) + (1 - a)
    }
}

/// out[e] = tanh(x[e]) as 2σ(2x) − 1, as `scaledLogistic` (within about 2e-16 of libm's tanh).
@inline(__always)
func tanhInto(_ out: UnsafeMutablePointer<Double>, from x: UnsafePointer<Double>, _ n: Int) {
    for e in 0..<n {
        let v = -2 * x[e]
        let q = expCore(v < -708 ? -708 : (v > 708 ? 708 : v))
        out[e] = 2 / (1 + q) - 1
    }
}
