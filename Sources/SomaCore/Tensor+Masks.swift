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
        case .f64(let d): return nonZero(d)
        case .f32(let f): return nonZero(f)
        }
    }
}

/// The positions of the non-zero elements of `x`.
private func nonZero<T: BinaryFloatingPoint>(_ x: [T]) -> [Int] {
    x.withUnsafeBufferPointer { p -> [Int] in
        var hits = 0
        for i in 0..<p.count where p[i] != 0 { hits += 1 }
        return [Int](unsafeUninitializedCapacity: hits) { out, initialized in
            var k = 0
            for i in 0..<p.count where p[i] != 0 {
                out[k] = i
                k += 1
            }
            initialized = k
        }
    }
}

extension IndexPlan {
    /// The selected elements of `x`, in order, into a buffer of the right size.
    func gather<T>(_ x: [T]) -> [T] {
        guard let offsets = scattered else { return Array(x[block]) }
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
    func scatter<T>(_ values: UnsafeBufferPointer<T>, into x: inout [T]) {
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
