/// The loops of `Tensor.lstmSequence` over raw buffers: the forward pass
/// over time, and backpropagation through time over the buffers it kept.
///
/// Rows are time-major (row t·B + b) so each step of a block of sequences
/// is one contiguous matrix. A step is one BLAS product of the rows
/// [h_{t−1}, x_t] (kept side by side in `hx`) with W, then one fused pass
/// over the gates. Sequences do not interact, so the batch is cut into
/// blocks of rows that run on separate threads from start to end; each
/// block accumulates its own weight gradient and the blocks' sums are added
/// in a fixed order, so results do not depend on thread timing.
final class LSTMTape {
    let batch, steps, inputs, hidden: Int
    var width: Int { 4 * hidden }
    var span: Int { hidden + inputs }
    /// T·B rows of [h_{t−1}, x_t] (h_{−1} = 0).
    let hx: Workspace
    /// T·B rows of [f, i, o, c̃] after their nonlinearities.
    let gates: Workspace
    /// T·B rows of c_t and of tanh(c_t).
    let cells: Workspace
    let tanhCells: Workspace

    init(batch: Int, steps: Int, inputs: Int, hidden: Int) {
        (self.batch, self.steps, self.inputs, self.hidden) = (batch, steps, inputs, hidden)
        let rows = batch * steps
        hx = Workspace(rows * (hidden + inputs), zeroed: true)
        gates = Workspace(rows * 4 * hidden)
        cells = Workspace(rows * hidden)
        tanhCells = Workspace(rows * hidden)
    }

    /// The batch rows of block `part` of `parts`.
    func block(_ part: Int, of parts: Int) -> Range<Int> {
        (part * batch / parts)..<((part + 1) * batch / parts)
    }

    /// Runs the forward pass for inputs x (B x T x I, batch-major), weights w
    /// ((H + I) x 4H, h rows first) and bias b (4H), writing the hidden states
    /// to out (B x T x H, batch-major).
    func forward(x: UnsafePointer<Double>, w: UnsafePointer<Double>, b: UnsafePointer<Double>,
                 out: UnsafeMutablePointer<Double>, parts: Int) {
        let (B, T, I, H, G, S) = (batch, steps, inputs, hidden, width, span)
        let hx = self.hx.base, gates = self.gates.base, cells = self.cells.base, tanhCells = self.tanhCells.base
        for bi in 0..<B {
            for t in 0..<T {
                (hx + (t * B + bi) * S + H).update(from: x + (bi * T + t) * I, count: I)
            }
        }
        inParallel(parts) { part in
            let rows = self.block(part, of: parts)
            let m = rows.count
            guard m > 0 else { return }
            for t in 0..<T {
                let row0 = t * B + rows.lowerBound
                let z = gates + row0 * G
                for r in 0..<m { (z + r * G).update(from: b, count: G) }
                if t == 0 {
                    stridedProduct(StridedMatrix(base: hx + row0 * S + H, stride: S), StridedMatrix(base: w + H * G, stride: G),
                                   z, ldc: G, m: m, n: G, k: I, beta: 1)
                } else {
                    stridedProduct(StridedMatrix(base: hx + row0 * S, stride: S), StridedMatrix(base: w, stride: G),
                                   z, ldc: G, m: m, n: G, k: S, beta: 1)
                }
                // f, i, o logistic and c̃ = tanh = 2σ(2x) − 1, in one vectorised pass over the step.
                for r in 0..<m {
                    let zr = z + r * G + 3 * H
                    for j in 0..<H { zr[j] *= 2 }
                }
                let block = UnsafeMutableBufferPointer(start: z, count: m * G)
                vectorLogistic(UnsafeBufferPointer(block), block)
                let c = cells + row0 * H, tc = tanhCells + row0 * H
                for r in 0..<m {
                    let zr = z + r * G, cr = c + r * H
                    for j in 0..<H { zr[3 * H + j] = 2 * zr[3 * H + j] - 1 }
                    if t == 0 {
                        for j in 0..<H { cr[j] = zr[H + j] * zr[3 * H + j] }
                    } else {
                        let prev = cr - B * H
                        for j in 0..<H { cr[j] = zr[j] * prev[j] + zr[H + j] * zr[3 * H + j] }
                    }
                    for j in 0..<H { tc[r * H + j] = 2 * cr[j] }
                }
                let cellBlock = UnsafeMutableBufferPointer(start: tc, count: m * H)
                vectorLogistic(UnsafeBufferPointer(cellBlock), cellBlock)
                for r in 0..<m {
                    let zr = z + r * G, tr = tc + r * H
                    let h = out + ((rows.lowerBound + r) * T + t) * H
                    for j in 0..<H {
                        tr[j] = 2 * tr[j] - 1
                        h[j] = zr[2 * H + j] * tr[j]
                    }
                    if t + 1 < T { (hx + (row0 + B + r) * S).update(from: h, count: H) }
                }
            }
        }
    }

    /// Backpropagation through time for the output gradient g (B x T x H,
    /// batch-major): adds ∂E/∂W into gw ((H + I) x 4H) and ∂E/∂b into gb (4H),
    /// both zero on entry, and writes ∂E/∂x into gx (B x T x I) when given.
    func backward(g: UnsafePointer<Double>, w: UnsafePointer<Double>, gw: UnsafeMutablePointer<Double>,
                  gb: UnsafeMutablePointer<Double>, gx: UnsafeMutablePointer<Double>?, parts: Int) {
        let (B, T, I, H, G, S) = (batch, steps, inputs, hidden, width, span)
        let hx = self.hx.base, gates = self.gates.base, tanhCells = self.tanhCells.base, cells = self.cells.base
        // Each block's weight and bias gradients, added up after the blocks finish.
        let sums = (0..<parts).map { _ in Workspace(S * G + G, zeroed: true) }
        let sumBases = sums.map(\.base)
        inParallel(parts) { part in
            let rows = self.block(part, of: parts)
            let m = rows.count
            guard m > 0 else { return }
            let dz = Workspace(m * G), dhNext = Workspace(m * H, zeroed: true), dcNext = Workspace(m * H, zeroed: true)
            let zeroRow = Workspace(H, zeroed: true)
            let (dzp, dhp, dcp) = (dz.base, dhNext.base, dcNext.base)
            let pw = sumBases[part], pb = sumBases[part] + S * G
            for t in stride(from: T - 1, through: 0, by: -1) {
                let row0 = t * B + rows.lowerBound
                for r in 0..<m {
                    let zr = gates + (row0 + r) * G, dzr = dzp + r * G
                    let tc = tanhCells + (row0 + r) * H
                    let cPrev = t > 0 ? cells + (row0 - B + r) * H : zeroRow.base
                    let gr = g + ((rows.lowerBound + r) * T + t) * H
                    let dhr = dhp + r * H, dcr = dcp + r * H
                    for j in 0..<H {
                        let (f, i, o, cc) = (zr[j], zr[H + j], zr[2 * H + j], zr[3 * H + j])
                        let tcj = tc[j]
                        let dh = gr[j] + dhr[j]
                        let dc = dcr[j] + dh * o * (1 - tcj * tcj)
                        dzr[j] = dc * cPrev[j] * f * (1 - f)
                        dzr[H + j] = dc * cc * i * (1 - i)
                        dzr[2 * H + j] = dh * tcj * o * (1 - o)
                        dzr[3 * H + j] = dc * i * (1 - cc * cc)
                        dcr[j] = dc * f
                    }
                    for j in 0..<G { pb[j] += dzr[j] }
                }
                let dzm = StridedMatrix(base: dzp, stride: G)
                // dW += [h_{t−1}, x_t]ᵀ · dz_t (h_{−1} = 0 adds nothing to the h rows).
                if t > 0 {
                    stridedProduct(StridedMatrix(base: hx + row0 * S, stride: S), transposeA: true, dzm,
                                   pw, ldc: G, m: H, n: G, k: m, beta: 1)
                }
                stridedProduct(StridedMatrix(base: hx + row0 * S + H, stride: S), transposeA: true, dzm,
                               pw + H * G, ldc: G, m: I, n: G, k: m, beta: 1)
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
            for e in 0..<S * G { gw[e] += p[e] }
            for j in 0..<G { gb[j] += p[S * G + j] }
        }
        withExtendedLifetime(sums) {}
    }
}

/// A buffer of doubles owned by a kernel for as long as a tape keeps it
/// (freed with the last reference).
final class Workspace {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(_ count: Int, zeroed: Bool = false) {
        self.count = Swift.max(count, 1)
        base = UnsafeMutablePointer<Double>.allocate(capacity: self.count)
        if zeroed { base.initialize(repeating: 0, count: self.count) }
    }

    deinit { base.deallocate() }
}
