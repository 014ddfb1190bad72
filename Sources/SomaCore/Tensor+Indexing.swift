/// One entry of an index expression `A[i, 1:4, mask, [0, 2]]`, numpy style.
public enum IndexItem {
    /// One position of an axis (negative counts from the end); the axis is dropped.
    case index(Int)
    /// `start:stop:step`; nil parts take numpy's defaults; a negative step walks backwards.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// A whole axis (`:`).
    case all
    /// A boolean tensor (non-zero = selected) covering as many axes as it has.
    case mask(Tensor)
    /// A tensor of positions along one axis; its shape replaces the axis.
    case indices(Tensor)
}

/// Where an index expression reads: the result shape and, for each result
/// element in order, its offset in the source.
struct IndexPlan {
    let shape: [Int]
    /// The offsets, or nil when the selection is the contiguous `block`
    /// (rows of a matrix, a slice of the first axis): those are a view.
    let scattered: [Int]?
    let block: Range<Int>

    var offsets: [Int] { scattered ?? Array(block) }

    /// Replaces the selected elements of `x` by `values` (one per selected
    /// element). A shared `x` is copied first (copy on write), so a view and
    /// the tensor it came from never see each other's writes.
    func write<T>(_ values: ArraySlice<T>, into x: inout ArraySlice<T>) {
        values.withUnsafeBufferPointer { scatter($0, into: &x) }
    }
}

extension Tensor {
    /// The elements an index expression selects, numpy style: integers drop
    /// their axis, slices keep it, masks and index tensors gather (several
    /// index tensors broadcast together and pair up, as in numpy).
    ///
    ///     try A.get([.index(0)])                        // first row
    ///     try A.get([.all, .slice(start: nil, stop: nil, step: 2)])
    ///     try A.get([.mask(A.binary(.gt, A, Tensor(0)))])
    ///
    /// - Throws: `TensorError.index` for positions outside the tensor or too many items;
    ///   `TensorError.shape` for a mask of the wrong shape.
    public func get(_ items: [IndexItem]) throws -> Tensor {
        if node == nil, let (viewShape, block) = try leadingBlock(items) {
            return keepingMask(Tensor(shape: viewShape, storage: storage.view(block)))
        }
        let plan = try indexPlan(items)
        let out: Tensor
        if plan.scattered != nil {
            switch storage {
            case .f64(let d): out = keepingMask(Tensor(shape: plan.shape, storage: .f64(plan.gather(d)[...])))
            case .f32(let f): out = keepingMask(Tensor(shape: plan.shape, storage: .f32(plan.gather(f)[...])))
            }
        } else {
            // One run of memory (rows, a leading-axis slice): a view, no copy.
            out = keepingMask(Tensor(shape: plan.shape, storage: storage.view(plan.block)))
        }
        guard node != nil else { return out }
        return Tensor.record(out, [self], Primitives.gather(from: shape, plan: plan))
    }

    /// Writes `value` (broadcast to the selection's shape) where `items` select.
    ///
    /// - Throws: as `get`, and `TensorError.shape` when `value` does not broadcast.
    public mutating func set(_ items: [IndexItem], to value: Tensor) throws {
        let plan = try indexPlan(items)
        let value = try value.droppingLeadingOnes(toRank: plan.shape.count)
        if setUntracked(plan, value) { return }
        let v: Tensor
        do { v = try value.broadcast(to: plan.shape) } catch {
            throw TensorError.shape("cannot assign a tensor of shape \(value.shape) to a selection of shape \(plan.shape)")
        }
        guard node != nil || v.node != nil else {
            // Untracked: written in place when the storage is not shared.
            writeElements(plan, v)
            return
        }
        let old = self
        var out = detached
        out.writeElements(plan, v)
        self = Tensor.record(out, [old, v], Primitives.scatter(into: shape, plan: plan))
    }

    /// Writes `v` (already of the selection's shape) where `plan` selects,
    /// in this tensor's dtype (as numpy's assignment does).
    private mutating func writeElements(_ plan: IndexPlan, _ v: Tensor) {
        switch storage {
        case .f64(var d):
            // Moved out so the elements are uniquely referenced while written.
            storage = .f64([])
            plan.write(v.storage.doubles, into: &d)
            storage = .f64(d)
        case .f32(var f):
            storage = .f32([])
            plan.write(v.storage.floats, into: &f)
            storage = .f32(f)
        }
    }

    /// The view `X[i]`, `X[i:j]`, `X[i, j:k]`, `X[i:j, :]` selects, without
    /// building a plan: leading positions, at most one step-1 slice, then
    /// whole axes. Nil for anything else (the general plan handles it).
    private func leadingBlock(_ items: [IndexItem]) throws -> (shape: [Int], block: Range<Int>)? {
        guard items.count <= rank else { return nil }
        var axis = 0, start = 0
        var sliced: Int?
        func inner(_ axis: Int) -> Int {
            var r = 1
            for d in (axis + 1)..<rank { r *= shape[d] }
            return r
        }
        while axis < items.count, case .index(let p) = items[axis] {
            let n = shape[axis]
            let j = p < 0 ? p + n : p
            guard j >= 0 && j < n else { throw TensorError.outOfRange(index: p, axis: axis, size: n) }
            start += j * inner(axis)
            axis += 1
        }
        if axis < items.count, case .slice(let first, let stop, let step) = items[axis], step == nil || step == 1 {
            guard case .range(let s, _, let n) = try sliceSelector(first, stop, 1, shape[axis]) else { return nil }
            start += s * inner(axis)
            sliced = n
            axis += 1
        }
        for rest in items[axis...] {
            switch rest {
            case .all: continue
            case .slice(nil, nil, nil): continue
            default: return nil
            }
        }
        // The slice's axis (if any) and the axes after the last item are kept.
        var viewShape: [Int] = []
        viewShape.reserveCapacity(rank - axis + 1)
        if let sliced { viewShape.append(sliced) }
        viewShape.append(contentsOf: shape[axis...])
        let total = Shape.count(viewShape)
        return (viewShape, start..<(start + total))
    }

    /// Resolves an index expression against this tensor's shape.
    func indexPlan(_ items: [IndexItem]) throws -> IndexPlan {
        // A mask of the tensor's own shape (`v[v > 0]`, the masked updates of
        // a simulation loop) selects the row-major offsets of its non-zero
        // elements: no per-axis coordinate tensors to build and pair up.
        if items.count == 1, case .mask(let m) = items[0], rank > 0, m.shape == shape {
            let offsets = m.nonZeroOffsets()
            return IndexPlan(shape: [offsets.count], scattered: offsets, block: 0..<0)
        }
        let selectors = try resolveSelectors(items)
        let strides = self.strides
        if isContiguous(selectors) {
            // One run of memory (no per-element offsets to list): where it
            // starts and how many elements; the result keeps the range axes.
            var start = 0, total = 1
            var resultShape: [Int] = []
            for (axis, sel) in selectors.enumerated() {
                switch sel {
                case .scalar(let i): start += i * strides[axis]
                case .range(let first, _, let n):
                    start += first * strides[axis]
                    total *= n
                    resultShape.append(n)
                case .array: break
                }
            }
            return IndexPlan(shape: resultShape, scattered: nil, block: start..<(start + total))
        }
        var base = 0
        var groups: [(dims: [Int], offsets: [Int])] = []

        let arrayAxes = selectors.indices.filter { if case .array = selectors[$0] { return true } else { return false } }
        // As in numpy, once there is an index tensor, single positions count as
        // advanced indices too: if slices separate the advanced ones, their
        // result axes go first; otherwise they stand where the first one was.
        let advancedAxes = arrayAxes.isEmpty ? [] : selectors.indices.filter {
            switch selectors[$0] {
            case .array, .scalar: return true
            case .range: return false
            }
        }
        let adjacent = advancedAxes.isEmpty || advancedAxes[advancedAxes.count - 1] - advancedAxes[0] + 1 == advancedAxes.count
        var arrayGroup: (dims: [Int], offsets: [Int])?
        if !arrayAxes.isEmpty {
            arrayGroup = try pairedArrays(arrayAxes.map { axis -> (Tensor, Int) in
                guard case .array(let t) = selectors[axis] else { return (Tensor(0), 0) }
                return (t, strides[axis])
            })
            if !adjacent, let g = arrayGroup { groups.append(g) }
        }
        for (axis, sel) in selectors.enumerated() {
            switch sel {
            case .scalar(let i):
                base += i * strides[axis]
            case .range(let start, let step, let n):
                groups.append(([n], (0..<n).map { (start + $0 * step) * strides[axis] }))
            case .array:
                break
            }
            if adjacent, axis == advancedAxes.first, let g = arrayGroup { groups.append(g) }
        }
        let resultShape = groups.flatMap(\.dims)
        _ = try Shape.checkedCount(resultShape)
        var offsets = [base]
        for g in groups {
            var next: [Int] = []
            next.reserveCapacity(offsets.count * g.offsets.count)
            for o in offsets { for d in g.offsets { next.append(o + d) } }
            offsets = next
        }
        return IndexPlan(shape: resultShape, scattered: offsets, block: 0..<0)
    }

    /// Whether the selection is one run of memory: single positions, then at
    /// most one step-1 range, then whole axes.
    private func isContiguous(_ selectors: [Selector]) -> Bool {
        guard selectors.count == rank else { return false }
        var i = 0
        while i < selectors.count, case .scalar = selectors[i] { i += 1 }
        if i < selectors.count, case .range(_, let step, _) = selectors[i], step == 1 { i += 1 }
        while i < selectors.count, case .range(let start, let step, let count) = selectors[i],
              start == 0, step == 1, count == shape[i] { i += 1 }
        return i == selectors.count
    }

    /// How one axis is selected once masks are expanded and defaults filled in.
    private enum Selector {
        case scalar(Int)
        case range(start: Int, step: Int, count: Int)
        /// Whole-number positions, already checked and made non-negative.
        case array(Tensor)
    }

    private func resolveSelectors(_ items: [IndexItem]) throws -> [Selector] {
        var out: [Selector] = []
        for item in items {
            let axis = out.count
            if case .mask(let m) = item {
                let span = Swift.max(m.rank, 1)
                guard axis + span <= rank, m.shape == Array(shape[axis..<(axis + span)]) else {
                    throw TensorError.shape("a mask of shape \(m.shape) does not fit a tensor of shape \(shape) at axis \(axis)")
                }
                // A k-d mask selects the positions of its non-zero elements on k axes.
                let hits = m.nonZeroOffsets()
                let ms = Shape.strides(m.shape)
                for d in 0..<span {
                    let coord = hits.map { Double(m.rank == 0 ? 0 : ($0 / ms[d]) % m.shape[d]) }
                    out.append(.array(Tensor(coord)))
                }
                continue
            }
            guard axis < rank else {
                throw TensorError.index("too many indices for a tensor of rank \(rank)")
            }
            let n = shape[axis]
            switch item {
            case .index(let i):
                let j = i < 0 ? i + n : i
                guard j >= 0 && j < n else {
                    throw TensorError.outOfRange(index: i, axis: axis, size: n)
                }
                out.append(.scalar(j))
            case .all:
                out.append(.range(start: 0, step: 1, count: n))
            case .slice(let start, let stop, let step):
                out.append(try sliceSelector(start, stop, step ?? 1, n))
            case .indices(let t):
                let positions = try t.data.map { v -> Double in
                    let i = try exactInt(v, "an index")
                    let j = i < 0 ? i + n : i
                    guard j >= 0 && j < n else {
                        throw TensorError.outOfRange(index: i, axis: axis, size: n)
                    }
                    return Double(j)
                }
                out.append(.array(Tensor(shape: t.shape, data: positions)))
            case .mask:
                break
            }
        }
        while out.count < rank { out.append(.range(start: 0, step: 1, count: shape[out.count])) }
        return out
    }

    /// Python's slice rules: clamp to the axis, defaults depend on the step's sign.
    private func sliceSelector(_ start: Int?, _ stop: Int?, _ step: Int, _ n: Int) throws -> Selector {
        guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        let s: Int, e: Int
        if step > 0 {
            s = start.map { clamp($0 < 0 ? $0 + n : $0, 0, n) } ?? 0
            e = stop.map { clamp($0 < 0 ? $0 + n : $0, 0, n) } ?? n
        } else {
            s = start.map { clamp($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? n - 1
            e = stop.map { clamp($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? -1
        }
        let span = e - s
        // Magnitudes as UInt: a step of Int.min must not overflow `abs`.
        let count = (span == 0 || (span > 0) != (step > 0))
            ? 0 : Int((span.magnitude + step.magnitude - 1) / step.magnitude)
        return .range(start: s, step: step, count: count)
    }

    /// Index tensors on several axes broadcast together; each result element
    /// pairs one position from every axis.
    private func pairedArrays(_ arrays: [(Tensor, Int)]) throws -> (dims: [Int], offsets: [Int]) {
        var dims = arrays[0].0.shape
        for (t, _) in arrays.dropFirst() { dims = try Shape.broadcast(dims, t.shape, verb: "index with") }
        _ = try Shape.checkedCount(dims)
        var offsets = [Int](repeating: 0, count: Shape.count(dims))
        for (t, stride) in arrays {
            let b = try t.broadcast(to: dims).data
            for i in offsets.indices { offsets[i] += Int(b[i]) * stride }
        }
        return (dims, offsets)
    }
}

extension Tensor {
    /// `self` without leading axes of length 1 beyond `rank` axes, as numpy's
    /// assignment accepts them (`x[0] = ones(1, 4)` for a row of 4); `self`
    /// unchanged otherwise, for `broadcast(to:)` to accept or refuse. A single
    /// element (`rank` 0) takes no array, as numpy ("setting an array element
    /// with a sequence").
    func droppingLeadingOnes(toRank rank: Int) throws -> Tensor {
        let extra = self.rank - rank
        guard rank > 0, extra > 0, shape.prefix(extra).allSatisfy({ $0 == 1 }) else { return self }
        return try reshaped(Array(shape.suffix(rank)))
    }
}
