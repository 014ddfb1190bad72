import Foundation

/// Recurrent layers run over a whole batch of sequences as one differentiable
/// operation, with backpropagation through time written out in the pullback.
///
/// The same functions written step by step in Soma (Stdlib/neural/recurrent.soma)
/// record about ten graph nodes per time step; for the course's LSTM (60 steps,
/// batch 32, 16 units) a gradient cost about 11 ms of CPU that way, mostly
/// interpreter and graph overhead, and 2.5 ms with the loop over time here. Sequences are batch x time x
/// features; the initial state is zero. Internally everything is time-major so
/// each step's rows are one contiguous block for BLAS. When every input is
/// float32 the whole computation (products, gates, BPTT) runs in Float32 and
/// the output and gradients are float32; otherwise in Float64.
extension Tensor {
    /// Hidden states of a tanh RNN, `h_t = tanh(h_{t−1}·W + x_t·U + b)`, h_{−1} = 0.
    ///
    /// - Parameters: x is B x T x I, u is I x H, w is H x H, b has H elements.
    /// - Returns: B x T x H, differentiable with respect to all four inputs.
    /// - Throws: `TensorError.shape` when the shapes do not fit together.
    public static func rnnSequence(_ x: Tensor, _ u: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        let (batch, steps, inputs) = try sequenceShape(x, "rnn_seq")
        guard u.rank == 2, u.shape[0] == inputs, u.shape[1] >= 1 else {
            throw TensorError.shape("rnn_seq: U must be inputs x hidden = \(inputs) x H, got shape \(u.shape)")
        }
        let hidden = u.shape[1]
        guard w.shape == [hidden, hidden], b.count == hidden, b.rank <= 2 else {
            throw TensorError.shape("rnn_seq: W must be \(hidden) x \(hidden) and b have \(hidden) elements, got shapes \(w.shape) and \(b.shape)")
        }
        let d = RecurrentSizes(batch: batch, steps: steps, inputs: inputs, hidden: hidden, width: hidden)
        try d.check("rnn_seq")
        if DType.promoted([x, u, w, b]) == .float32 {
            return try rnnSequence(x, u, w, b, d, as: Float.self)
        }
        return try rnnSequence(x, u, w, b, d, as: Double.self)
    }

    /// `rnnSequence` computed in F (Float32 when every input is float32);
    /// the output and the gradients are tensors of F.
    private static func rnnSequence<F: RecurrentFloat>(_ x: Tensor, _ u: Tensor, _ w: Tensor, _ b: Tensor,
                                                       _ d: RecurrentSizes, as _: F.Type) throws -> Tensor {
        let (batch, steps, inputs, hidden) = (d.batch, d.steps, d.inputs, d.hidden)
        // Each tensor's elements read once (a float32 tensor's `data` converts on every access).
        let ud = F.elements(of: u), weights = F.elements(of: w)
        let xt = d.timeMajor(F.elements(of: x), features: inputs)
        // z = x·U + b for every step in one product, then the recurrence step by step.
        var zs = [F](repeating: 0, count: d.rows * hidden)
        try multiply(xt, ud, into: &zs, m: d.rows, n: hidden, k: inputs)
        addRows(F.elements(of: b), to: &zs)
        let blockH = batch * hidden
        var hs = [F](repeating: 0, count: d.rows * hidden)
        var recurrent = [F](repeating: 0, count: blockH)
        for t in 0..<steps {
            let base = t * blockH
            if t > 0 {
                try multiply(hs, u: base - blockH, weights, into: &recurrent, m: batch, n: hidden, k: hidden)
            }
            for e in 0..<blockH { hs[base + e] = zs[base + e] + recurrent[e] }
            hs.withUnsafeMutableBufferPointer { ph in vectorTanh(UnsafeMutableBufferPointer(rebasing: ph[base..<base + blockH])) }
        }
        let states = hs
        let bShape = b.shape
        let out = Tensor(shape: [batch, steps, hidden], storage: F.storage(d.batchMajor(hs, features: hidden)))
        let needX = x.node != nil
        let wd = weights
        return record(out, [x, u, w, b]) { g in
            let hs = states
            let gt = d.timeMajor(F.elements(of: g), features: hidden)
            var ds = [F](repeating: 0, count: d.rows * hidden)
            var dhNext = [F](repeating: 0, count: blockH)
            for t in stride(from: steps - 1, through: 0, by: -1) {
                let base = t * blockH
                for e in 0..<blockH {
                    let h = hs[base + e]
                    ds[base + e] = (gt[base + e] + dhNext[e]) * (1 - h * h)
                }
                if t > 0 {
                    try multiply(ds, u: base, wd, transposeB: true, into: &dhNext, at: 0, m: batch, n: hidden, k: hidden, beta: 0)
                }
            }
            var gw = [F](repeating: 0, count: hidden * hidden)
            if steps > 1 {
                try multiply(hs, u: 0, transposeA: true, ds, v: blockH, into: &gw, at: 0,
                             m: hidden, n: hidden, k: (steps - 1) * batch, beta: 0)
            }
            var gu = [F](repeating: 0, count: inputs * hidden)
            try multiply(xt, u: 0, transposeA: true, ds, v: 0, into: &gu, at: 0, m: inputs, n: hidden, k: d.rows, beta: 0)
            var gx: Tensor?
            if needX {
                var dxt = [F](repeating: 0, count: d.rows * inputs)
                try multiply(ds, u: 0, ud, transposeB: true, into: &dxt, at: 0, m: d.rows, n: inputs, k: hidden, beta: 0)
                gx = Tensor(shape: [batch, steps, inputs], storage: F.storage(d.batchMajor(dxt, features: inputs)))
            }
            return [gx, Tensor(shape: [inputs, hidden], storage: F.storage(gu)),
                    Tensor(shape: [hidden, hidden], storage: F.storage(gw)),
                    Tensor(shape: bShape, storage: F.storage(columnSums(ds, width: hidden)))]
        }
    }

    /// Hidden states of an LSTM with the notes' gates: for z = [h_{t−1}, x_t]·W + b
    /// split as [f, i, o, c̃] (H columns each), f, i, o = logistic, c̃ = tanh,
    /// `c_t = f ⊙ c_{t−1} + i ⊙ c̃`, `h_t = o ⊙ tanh(c_t)`, h_{−1} = c_{−1} = 0.
    ///
    /// - Parameters: x is B x T x I, w is (H + I) x 4H (rows for h first, then
    ///   for x), b has 4H elements.
    /// - Returns: B x T x H hidden states, differentiable with respect to x, w and b.
    /// - Throws: `TensorError.shape` when the shapes do not fit together.
    public static func lstmSequence(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        let (batch, steps, inputs) = try sequenceShape(x, "lstm_seq")
        guard w.rank == 2, w.shape[1] >= 4, w.shape[1] % 4 == 0, w.shape[0] == w.shape[1] / 4 + inputs else {
            throw TensorError.shape("lstm_seq: W must be (H + inputs) x 4H with inputs = \(inputs), got shape \(w.shape)")
        }
        let hidden = w.shape[1] / 4
        let width = 4 * hidden
        guard b.count == width, b.rank <= 2 else {
            throw TensorError.shape("lstm_seq: b must have 4H = \(width) elements, got shape \(b.shape)")
        }
        let d = RecurrentSizes(batch: batch, steps: steps, inputs: inputs, hidden: hidden, width: width)
        try d.check("lstm_seq")
        if DType.promoted([x, w, b]) == .float32 {
            return try lstmSequence(x, w, b, d, as: Float.self)
        }
        return try lstmSequence(x, w, b, d, as: Double.self)
    }

    /// `lstmSequence` computed in F (Float32 when x, w and b are float32);
    /// the output and the gradients are tensors of F.
    private static func lstmSequence<F: RecurrentFloat>(_ x: Tensor, _ w: Tensor, _ b: Tensor, _ d: RecurrentSizes,
                                                        as _: F.Type) throws -> Tensor {
        let (batch, steps, inputs, hidden, width) = (d.batch, d.steps, d.inputs, d.hidden, d.width)
        let tape = LSTMTape<F>(batch: batch, steps: steps, inputs: inputs, hidden: hidden)
        let parts = kernelWorkers(rows: batch, work: d.rows * width * (hidden + inputs))
        let wd = F.elements(of: w), xd = F.elements(of: x), bd = F.elements(of: b)
        let hs = [F](unsafeUninitializedCapacity: d.rows * hidden) { out, initialized in
            xd.withUnsafeBufferPointer { px in
                wd.withUnsafeBufferPointer { pw in
                    bd.withUnsafeBufferPointer { pb in
                        guard let px = px.baseAddress, let pw = pw.baseAddress, let pb = pb.baseAddress,
                              let po = out.baseAddress else { return }
                        tape.forward(x: px, w: pw, b: pb, out: po, parts: parts)
                    }
                }
            }
            initialized = d.rows * hidden
        }
        let out = Tensor(shape: [batch, steps, hidden], storage: F.storage(hs))
        let needX = x.node != nil
        let bShape = b.shape
        return record(out, [x, w, b]) { g in
            var gw = [F](repeating: 0, count: (hidden + inputs) * width)
            var gb = [F](repeating: 0, count: width)
            var gx = needX ? [F](repeating: 0, count: d.rows * inputs) : []
            let gd = F.elements(of: g)
            guard gd.count == d.rows * hidden else {
                throw TensorError.shape("lstm_seq: the gradient has shape \(g.shape), expected \([batch, steps, hidden])")
            }
            gd.withUnsafeBufferPointer { pg in
                wd.withUnsafeBufferPointer { pw in
                    gw.withUnsafeMutableBufferPointer { pgw in
                        gb.withUnsafeMutableBufferPointer { pgb in
                            gx.withUnsafeMutableBufferPointer { pgx in
                                guard let pg = pg.baseAddress, let pw = pw.baseAddress, let pgw = pgw.baseAddress,
                                      let pgb = pgb.baseAddress else { return }
                                tape.backward(g: pg, w: pw, gw: pgw, gb: pgb, gx: needX ? pgx.baseAddress : nil, parts: parts)
                            }
                        }
                    }
                }
            }
            return [needX ? Tensor(shape: [batch, steps, inputs], storage: F.storage(gx)) : nil,
                    Tensor(shape: [hidden + inputs, width], storage: F.storage(gw)), Tensor(shape: bShape, storage: F.storage(gb))]
        }
    }

    /// B, T and the feature count of a batch of sequences (rank 3, none empty).
    private static func sequenceShape(_ x: Tensor, _ who: String) throws -> (Int, Int, Int) {
        guard x.rank == 3, x.shape[0] >= 1, x.shape[1] >= 1, x.shape[2] >= 1 else {
            throw TensorError.shape("\(who): X must be batch x time x features (rank 3, no empty axis), got shape \(x.shape)")
        }
        return (x.shape[0], x.shape[1], x.shape[2])
    }
}

/// The sizes of one recurrent computation and the layout changes it needs.
private struct RecurrentSizes {
    let batch, steps, inputs, hidden, width: Int
    var rows: Int { batch * steps }

    /// Refuses sizes whose buffers would overflow or exceed the tensor limit.
    func check(_ who: String) throws {
        let limit = 1 << 28
        for n in [rows, rows * width, rows * inputs, (hidden + inputs) * width] where n > limit || n < 0 {
            throw TensorError.shape("\(who): batch \(batch) x time \(steps) x \(width) is too large")
        }
        let (r, o) = batch.multipliedReportingOverflow(by: steps)
        guard !o, r.multipliedReportingOverflow(by: Swift.max(width, inputs)).overflow == false else {
            throw TensorError.shape("\(who): batch \(batch) x time \(steps) is too large")
        }
    }

    /// B x T x F (batch-major) to T x B x F.
    func timeMajor<F: RecurrentFloat>(_ x: [F], features f: Int) -> [F] {
        swapLeading(x, outer: batch, inner: steps, features: f)
    }

    /// T x B x F (time-major) back to B x T x F.
    func batchMajor<F: RecurrentFloat>(_ x: [F], features f: Int) -> [F] {
        swapLeading(x, outer: steps, inner: batch, features: f)
    }

    /// An outer x inner x F array as inner x outer x F (rows of F copied whole).
    private func swapLeading<F: RecurrentFloat>(_ x: [F], outer: Int, inner: Int, features f: Int) -> [F] {
        var out = [F](repeating: 0, count: rows * f)
        for o in 0..<outer {
            for i in 0..<inner {
                let (src, dst) = ((o * inner + i) * f, (i * outer + o) * f)
                for k in 0..<f { out[dst + k] = x[src + k] }
            }
        }
        return out
    }
}

/// `C[c...] = op(A[u...]) · op(B[v...]) + β·C`, row-major, on parts of arrays
/// starting at the given offsets (A is m x k, B is k x n before transposing),
/// through `stridedProduct`, which keeps every BLAS call on this thread
/// (OpenBLAS's own threads spin between the many mid-sized products of a
/// recurrent layer and doubled the CPU time of notebook 17).
private func multiply<F: RecurrentFloat>(_ a: [F], u: Int = 0, transposeA: Bool = false, _ b: [F], v: Int = 0,
                                         transposeB: Bool = false, into c: inout [F], at offset: Int = 0,
                                         m: Int, n: Int, k: Int, beta: F = 0) throws {
    guard m > 0, n > 0, k > 0, u >= 0, v >= 0, offset >= 0, u + m * k <= a.count, v + k * n <= b.count,
          offset + m * n <= c.count else {
        throw TensorError.shape("recurrent product: \(m) x \(k) by \(k) x \(n) does not fit its buffers")
    }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
                stridedProduct(StridedMatrix(base: pa + u, stride: transposeA ? m : k), transposeA: transposeA,
                               StridedMatrix(base: pb + v, stride: transposeB ? k : n), transposeB: transposeB,
                               pc + offset, ldc: n, m: m, n: n, k: k, beta: beta)
            }
        }
    }
}

/// tanh over a buffer in place as 2σ(2x) − 1 through the vectorised logistic:
/// about four times faster than libm's tanh per element, within about 2e-16
/// of it (absolute) in Float64, and exactly ±1 where it saturates.
private func vectorTanh<F: RecurrentFloat>(_ p: UnsafeMutableBufferPointer<F>) {
    for k in p.indices { p[k] *= 2 }
    F.logistics(UnsafeBufferPointer(p), p)
    for k in p.indices { p[k] = 2 * p[k] - 1 }
}

/// Adds `bias` to every row of the row-major matrix `x` (rows of bias.count).
private func addRows<F: RecurrentFloat>(_ bias: [F], to x: inout [F]) {
    let n = bias.count
    guard n > 0 else { return }
    x.withUnsafeMutableBufferPointer { px in
        bias.withUnsafeBufferPointer { pb in
            for start in stride(from: 0, to: px.count, by: n) {
                for j in 0..<n { px[start + j] += pb[j] }
            }
        }
    }
}

/// Column sums of a row-major matrix of `width` columns.
private func columnSums<F: RecurrentFloat>(_ x: [F], width: Int) -> [F] {
    var out = [F](repeating: 0, count: width)
    for start in stride(from: 0, to: x.count, by: width) {
        for j in 0..<width { out[j] += x[start + j] }
    }
    return out
}
