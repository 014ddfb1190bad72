import Synchronization

/// What is known of a tensor made by a comparison: every element is 0 or 1.
///
/// A comparison sets it on its result (`Tensor.isMask`); any write to the
/// elements drops it (see `Tensor.storage`), and copies of the tensor share
/// it. The row-major offsets of the non-zero elements are found once, on
/// first use as a mask, and kept here: a simulation step that applies the
/// same mask to several tensors (`v[fired] = 0; ref[fired] = t_ref`) scans
/// it once. It only records a fact, so it never changes what an index means.
public final class MaskFacts: Sendable {
    private let offsets = Mutex<[Int]?>(nil)

    init() {}

    /// The offsets kept from an earlier call, or `compute()`'s, kept for the next.
    func offsets(_ compute: () -> [Int]) -> [Int] {
        if let known = offsets.withLock({ $0 }) { return known }
        let found = compute()
        offsets.withLock { $0 = found }
        return found
    }
}

extension Tensor {
    /// Whether the tensor is known to hold only 0s and 1s because it is the
    /// result of a comparison (or of an operation that keeps that, such as a
    /// selection or reshape of one). A tensor of 0s and 1s made otherwise is
    /// not marked, although it would pass as a mask by its values.
    @inlinable public var isMask: Bool { maskFacts != nil }

    /// This tensor marked as holding only 0s and 1s. The caller guarantees it.
    func markedAsMask() -> Tensor {
        var out = self
        out.maskFacts = MaskFacts()
        return out
    }

    /// `out` marked as a mask when `self` is one: for operations that only
    /// move, select or repeat elements.
    func keepingMask(_ out: Tensor) -> Tensor {
        guard maskFacts != nil, out.maskFacts == nil else { return out }
        return out.markedAsMask()
    }

    /// The row-major offsets of the non-zero elements, scanned once for a
    /// marked mask.
    func nonZeroOffsets() -> [Int] {
        guard let facts = maskFacts else { return scanNonZero() }
        return facts.offsets { scanNonZero() }
    }

    private func scanNonZero() -> [Int] {
        switch storage {
        case .f64(let d): return nonZero(d, nonZeroFlag)
        case .f32(let f): return nonZero(f, nonZeroFlag)
        }
    }
}

/// The positions of the non-zero elements of `x`: a counting pass, then a
/// filling pass that writes every position and advances only past the
/// non-zero ones. Neither branches on the data (the flag is integer
/// arithmetic on the bits), which matters for masks whose 0s and 1s are
/// mixed: a branch per element mispredicts often.
@inline(__always)
private func nonZero<T>(_ x: ArraySlice<T>, _ flag: (T) -> Int) -> [Int] {
    x.withUnsafeBufferPointer { p -> [Int] in
        let n = p.count
        var hits = 0
        for i in 0..<n { hits &+= flag(p[i]) }
        // One spare slot: the last position is written even when it is 0.
        return [Int](unsafeUninitializedCapacity: hits + 1) { out, initialized in
            var k = 0
            for i in 0..<n {
                out[k] = i
                k &+= flag(p[i])
            }
            initialized = k
        }
    }
}

/// 1 when `x != 0` (NaN included), else 0, for either sign of zero: the
/// bits without the sign are non-zero exactly then.
@inline(__always) private func nonZeroFlag(_ x: Double) -> Int {
    let b = x.bitPattern &<< 1
    return Int(truncatingIfNeeded: (b | (0 &- b)) &>> 63)
}

@inline(__always) private func nonZeroFlag(_ x: Float) -> Int {
    let b = x.bitPattern &<< 1
    return Int(truncatingIfNeeded: (b | (0 &- b)) &>> 31)
}

extension IndexPlan {
    /// The selected elements of `x`, in order, into a buffer of the right size.
    func gather<T>(_ x: ArraySlice<T>) -> [T] {
        guard let offsets = scattered else { return Array(x[(x.startIndex + block.lowerBound)..<(x.startIndex + block.upperBound)]) }
        return x.withUnsafeBufferPointer { p in
            offsets.withUnsafeBufferPointer { o in
                [T](unsafeUninitializedCapacity: o.count) { out, initialized in
                    for i in 0..<o.count { out[i] = p[o[i]] }
                    initialized = o.count
                }
            }
        }
    }

    /// Writes `values` (one per selected element, or one for all) into `x` in place.
    func scatter<T>(_ values: UnsafeBufferPointer<T>, into x: inout ArraySlice<T>) {
        let single = values.count == 1
        x.withUnsafeMutableBufferPointer { p in
            if let offsets = scattered {
                offsets.withUnsafeBufferPointer { o in
                    if single {
                        let v = values[0]
                        for i in 0..<o.count { p[o[i]] = v }
                    } else {
                        for i in 0..<o.count { p[o[i]] = values[i] }
                    }
                }
            } else if single {
                let v = values[0]
                for i in block { p[i] = v }
            } else {
                for (k, i) in block.enumerated() { p[i] = values[k] }
            }
        }
    }
}

extension Tensor {
    /// `set` for an untracked tensor and value: the elements are written in
    /// place when the storage is not shared, and a single value is not first
    /// broadcast to a buffer. False (nothing changed) when `value` has
    /// neither the selection's shape nor one element of rank 0 — the general
    /// path broadcasts it or reports the error.
    mutating func setUntracked(_ plan: IndexPlan, _ value: Tensor) -> Bool {
        guard node == nil, value.node == nil,
              value.shape == plan.shape || (value.rank == 0 && value.count == 1) else { return false }
        switch storage {
        case .f64(var d):
            storage = .f64([])
            switch value.storage {
            case .f64(let v): v.withUnsafeBufferPointer { plan.scatter($0, into: &d) }
            case .f32(let v): widened(v).withUnsafeBufferPointer { plan.scatter($0, into: &d) }
            }
            storage = .f64(d)
        case .f32(var f):
            storage = .f32([])
            switch value.storage {
            case .f32(let v): v.withUnsafeBufferPointer { plan.scatter($0, into: &f) }
            case .f64(let v): narrowed(v).withUnsafeBufferPointer { plan.scatter($0, into: &f) }
            }
            storage = .f32(f)
        }
        return true
    }
}

extension Tensor {
    /// `self[mask] op= operand` computed where the elements are, for the
    /// masked updates of a simulation loop (`v[active] += dt * dv`): no
    /// gathered copy, no result buffer, no second scan of the mask.
    ///
    /// Only for one mask item on an untracked Float64 tensor, an untracked
    /// Float64 operand of the selection's shape (or a 0-d one) and `+ - * /`:
    /// then each selected element gets exactly `old op operand` as the
    /// general path (gather, `Tensor.binary`, `set`) would give it — mask
    /// offsets are distinct, so no element is updated twice. Returns false
    /// (nothing changed) for anything else, which takes the general path.
    ///
    /// - Throws: `TensorError.shape` when the mask does not fit (as `get`).
    public mutating func updateMasked(_ items: [IndexItem], _ op: BinaryOp, _ operand: Tensor) throws -> Bool {
        guard items.count == 1, case .mask = items[0], node == nil, operand.node == nil,
              case .f64 = storage, case .f64(let x) = operand.storage else { return false }
        switch op {
        case .add, .sub, .mul, .div: break
        default: return false
        }
        let plan = try indexPlan(items)
        guard let offsets = plan.scattered, operand.shape == plan.shape || operand.rank == 0,
              case .f64(var d) = storage else { return false }
        storage = .f64([])
        defer { storage = .f64(d) }
        d.withUnsafeMutableBufferPointer { p in
            offsets.withUnsafeBufferPointer { o in
                x.withUnsafeBufferPointer { v in
                    switch op {
                    case .add: apply(AddKernel.self, p, o, v)
                    case .sub: apply(SubKernel.self, p, o, v)
                    case .mul: apply(MulKernel.self, p, o, v)
                    default: apply(DivKernel.self, p, o, v)
                    }
                }
            }
        }
        return true
    }
}

/// `p[o[i]] = K(p[o[i]], v[i])` for every offset, `v` one value per offset or one for all.
@inline(__always)
private func apply<K: BinaryKernel>(_: K.Type, _ p: UnsafeMutableBufferPointer<Double>,
                                    _ o: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Double>) {
    if v.count == 1 && o.count != 1 {
        let s = v[0]
        for i in 0..<o.count { p[o[i]] = K.apply(p[o[i]], s) }
    } else {
        for i in 0..<o.count { p[o[i]] = K.apply(p[o[i]], v[i]) }
    }
}
