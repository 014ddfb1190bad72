import SomaCore

/// How an index expression that evaluates to a tensor should be read: the
/// language has one number type, so a 0/1 tensor could be a mask or a list
/// of positions. The syntax decides when it can (`A[A > 0]` is a mask,
/// `A[[0, 2]]` a list of positions); otherwise the shape and values do.
enum IndexHint {
    case auto, mask, positions
}

/// One evaluated item of an index expression.
enum IndexKey {
    case number(Double)
    case slice(start: Int?, stop: Int?, step: Int?)
    case value(Value, IndexHint)
}

/// One step of an assignment target such as `net.layers[0].W`.
enum PathStep {
    case field(String)
    case index([IndexKey])
}

/// Reading and writing parts of values: `a[i]`, `a.b`, and the in-place
/// updates behind `A[0, :] = v` and `r.x = v` (copying shared payloads first,
/// so values keep their value semantics).
enum Indexing {
    // MARK: positions

    /// `x` as an Int index: a whole number too large for Int is out of range
    /// (`outOfRange` words it), anything else that is not whole is an error.
    static func wholeIndex(_ x: Double, outOfRange: () -> String) throws -> Int {
        if let i = Int(exactly: x) { return i }
        if x.isFinite, x.rounded(.towardZero) == x { throw SomaError.index(outOfRange()) }
        throw SomaError.index("an index must be a whole number, got \(formatNumber(x))")
    }

    /// Where index `x` points in `count` items (negative counts from the end).
    /// - Throws: `error[index]` worded one way: "index 5 is out of range for a
    ///   list of length 3", or for a tensor axis as numpy says it, "index 5 is
    ///   out of range for axis 0 with size 3".
    static func position(_ x: Double, count: Int, what: Collection) throws -> Int {
        let i = try wholeIndex(x) {
            switch what {
            case .axis(let axis): return "index \(formatNumber(x)) is out of range for axis \(axis) with size \(count)"
            case .list, .string, .range: return "index \(formatNumber(x)) is out of range for a \(what) of length \(count)"
            }
        }
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else {
            switch what {
            case .axis(let axis): throw SomaError(TensorError.outOfRange(index: i, axis: axis, size: count))
            case .list, .string, .range: throw SomaError.index("index \(i) is out of range for a \(what) of length \(count)")
            }
        }
        return j
    }

    /// What an index points into, for the out-of-range message.
    enum Collection: CustomStringConvertible {
        case list, string, range
        case axis(Int)

        var description: String {
            switch self {
            case .list: return "list"
            case .string: return "string"
            case .range: return "range"
            case .axis(let axis): return "axis \(axis)"
            }
        }
    }

    /// The positions a Python-style slice selects from `count` items.
    static func slicePositions(count: Int, start: Int?, stop: Int?, step: Int?) throws -> [Int] {
        let step = step ?? 1
        guard step != 0 else { throw SomaError.value("a slice step cannot be 0") }
        func clamp(_ i: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard let i else { return fallback }
            let j = i < 0 ? i + count : i
            return min(max(j, low), high)
        }
        if step > 0 {
            let a = clamp(start, 0, low: 0, high: count)
            let b = clamp(stop, count, low: 0, high: count)
            return a < b ? Array(stride(from: a, to: b, by: step)) : []
        }
        let a = clamp(start, count - 1, low: -1, high: count - 1)
        let b = clamp(stop, -1, low: -1, high: count - 1)
        return a > b ? Array(stride(from: a, to: b, by: step)) : []
    }

    // MARK: reading

    /// `base[keys...]`.
    static func get(_ base: Value, _ keys: [IndexKey]) throws -> Value {
        switch base {
        case .tensor(let box): return try getTensor(box.tensor, keys)
        case .list(let items):
            let key = try single(keys, "a list")
            switch key {
            case .number(let x): return items[try position(x, count: items.count, what: .list)]
            case .slice(let a, let b, let c):
                return .list(try slicePositions(count: items.count, start: a, stop: b, step: c).map { items[$0] })
            case .value(let v, _):
                throw SomaError.type("a list index must be a number or a slice, got \(v.typeName)")
            }
        case .string(let s):
            let chars = Array(s)
            switch try single(keys, "a string") {
            case .number(let x): return .string(String(chars[try position(x, count: chars.count, what: .string)]))
            case .slice(let a, let b, let c):
                return .string(String(try slicePositions(count: chars.count, start: a, stop: b, step: c).map { chars[$0] }))
            case .value(let v, _):
                throw SomaError.type("a string index must be a number or a slice, got \(v.typeName)")
            }
        case .record(let r):
            guard case .value(.string(let key), _) = try single(keys, "a record") else {
                throw SomaError.type("a record is indexed by a field name string")
            }
            guard let v = r[key] else { throw missingField(key, in: r) }
            return v
        case .range(let r):
            if keys.count == 1, case .number(let x) = keys[0] {
                return .number(Double(r.start + (try position(x, count: r.count, what: .range))))
            }
            return try getTensor(try base.asTensor(), keys)
        default:
            throw SomaError.type("cannot index \(base.typeName)")
        }
    }

    private static func single(_ keys: [IndexKey], _ what: String) throws -> IndexKey {
        guard keys.count == 1 else { throw SomaError.index("\(what) takes one index, got \(keys.count)") }
        return keys[0]
    }

    static func getTensor(_ t: Tensor, _ keys: [IndexKey]) throws -> Value {
        if let offset = try directOffset(t, keys) { return .number(t[flat: offset]) }
        do {
            return Value(try t.get(try tensorItems(t, keys)))
        } catch let e as TensorError {
            throw SomaError(e)
        }
    }

    /// The element offset when every key is a number, one per axis, on an
    /// untracked tensor: the common `v[i]` in loops, read without building an index plan.
    private static func directOffset(_ t: Tensor, _ keys: [IndexKey]) throws -> Int? {
        guard t.node == nil, keys.count == t.rank, !keys.isEmpty else { return nil }
        var offset = 0
        for (axis, key) in keys.enumerated() {
            guard case .number(let x) = key else { return nil }
            offset = offset * t.shape[axis] + (try position(x, count: t.shape[axis], what: .axis(axis)))
        }
        return offset
    }

    static func tensorItems(_ t: Tensor, _ keys: [IndexKey]) throws -> [SomaCore.IndexItem] {
        var axis = 0
        var items: [SomaCore.IndexItem] = []
        for key in keys {
            switch key {
            case .number(let x):
                let size = axis < t.rank ? t.shape[axis] : 0
                let i = try wholeIndex(x) { "index \(formatNumber(x)) is out of range for axis \(axis) with size \(size)" }
                items.append(.index(i))
                axis += 1
            case .slice(let a, let b, let c):
                if c == 0 { throw SomaError.value("a slice step cannot be 0") }
                items.append(a == nil && b == nil && c == nil ? .all : .slice(start: a, stop: b, step: c))
                axis += 1
            case .value(let v, let hint):
                switch v {
                case .tensor, .list, .range: break
                default:
                    throw SomaError.type("a tensor index must be a number, a slice, a mask or a tensor of positions, got \(v.typeName)")
                }
                let m = try v.asTensor()
                let isMask: Bool
                switch hint {
                case .mask: isMask = true
                case .positions: isMask = false
                case .auto:
                    let fits = m.rank > 0 && axis + m.rank <= t.rank && Array(t.shape[axis..<(axis + m.rank)]) == m.shape
                    // A comparison's result is known to be 0/1 (`Tensor.isMask`): no
                    // scan. Any other tensor is read by its values, as always.
                    isMask = fits && (m.isMask || m.data.allSatisfy { $0 == 0 || $0 == 1 })
                }
                items.append(isMask ? .mask(m) : .indices(m))
                axis += isMask ? m.rank : 1
            }
        }
        return items
    }

    /// `base.name`.
    static func field(_ base: Value, _ name: String) throws -> Value {
        switch base {
        case .record(let r):
            guard let v = r[name] else { throw missingField(name, in: r) }
            return v
        case .object(let object):
            if let v = try object.field(name) { return v }
            if let m = object.method(name) { return .function(.native(m)) }
            throw SomaError.name("\(object.typeName) has no field or method '\(name)'")
        case .tensor(let box):
            let t = box.tensor
            switch name {
            case "T": return Value(t.T)
            case "shape": return .list(t.shape.map { Value($0) })
            case "size": return Value(t.count)
            case "ndim": return Value(t.rank)
            case "dtype": return .string(t.dtype.rawValue)
            case "astype": return .function(.native(astypeMethod(t)))
            default: throw SomaError.name("a tensor has no field '\(name)' (it has T, shape, size, ndim, dtype, astype)")
            }
        case .number(let x):
            switch name {
            case "T": return .number(x)
            case "shape": return .list([])
            case "size": return .number(1)
            case "ndim": return .number(0)
            case "dtype": return .string(DType.float64.rawValue)
            default: break
            }
        case .range(let r):
            switch name {
            case "start": return Value(r.start)
            case "end": return Value(r.end)
            default: break
            }
        default: break
        }
        throw SomaError.type("\(base.typeName) has no field '\(name)'")
    }

    static func missingField(_ name: String, in r: Record) -> SomaError {
        let known = r.keys.isEmpty ? "it has no fields" : "it has " + r.keys.joined(separator: ", ")
        return SomaError.name("the record has no field '\(name)' (\(known))")
    }

    /// The value at the end of a path, for compound assignment.
    static func get(_ root: Value, path: ArraySlice<PathStep>) throws -> Value {
        var v = root
        for step in path {
            switch step {
            case .field(let name): v = try field(v, name)
            case .index(let keys): v = try get(v, keys)
            }
        }
        return v
    }

    // MARK: writing

    /// Writes `newValue` at `path` inside `container`, in place when the
    /// payload is not shared. Returns false when the write went into an
    /// object (a reference), so the container itself is unchanged.
    @discardableResult
    static func update(_ container: inout Value, _ path: ArraySlice<PathStep>, _ newValue: Value) throws -> Bool {
        guard let step = path.first else {
            container = newValue
            return true
        }
        let rest = path.dropFirst()
        // Each payload is taken out of `container` before it is written
        // (see `takeList`), so an unshared payload is changed in place.
        switch step {
        case .field(let name):
            if case .object(let object) = container {
                if rest.isEmpty {
                    try object.setField(name, newValue)
                    return false
                }
                var child = try field(container, name)
                if try update(&child, rest, newValue) { try object.setField(name, child) }
                return false
            }
            guard case .record = container else {
                throw SomaError.type("cannot set field '\(name)' of \(container.typeName)")
            }
            var record = takeRecord(&container)
            defer { container = .record(record) }
            if rest.isEmpty {
                record[name] = newValue
                return true
            }
            guard var child = record[name] else { throw missingField(name, in: record) }
            record[name] = .nil
            defer { record[name] = child }
            return try update(&child, rest, newValue)
        case .index(let keys):
            if case .record = container {
                guard keys.count == 1, case .value(.string(let name), _) = keys[0] else {
                    throw SomaError.type("a record is indexed by a field name string")
                }
                return try update(&container, ArraySlice([PathStep.field(name)] + rest), newValue)
            }
            if case .list = container {
                guard keys.count == 1, case .number(let x) = keys[0] else {
                    throw SomaError.index("a list element is assigned with one number index")
                }
                var items = takeList(&container)
                defer { container = .list(items) }
                let i = try position(x, count: items.count, what: .list)
                if rest.isEmpty {
                    items[i] = newValue
                    return true
                }
                var child = items[i]
                items[i] = .nil
                defer { items[i] = child }
                return try update(&child, rest, newValue)
            }
            guard case .tensor = container else {
                throw SomaError.type("cannot assign to an element of \(container.typeName)")
            }
            var newValue = newValue
            if !rest.isEmpty {
                // `X[1][0] = v`: numbers and slices select a view in numpy, so
                // the write lands in X; here the part is read, updated and
                // written back. A mask or positions select a copy in numpy
                // (the write would be lost): refused with the form that works.
                guard keys.allSatisfy({ if case .value = $0 { return false } else { return true } }) else {
                    throw SomaError.type("cannot assign into a part of a tensor selected by a mask or positions",
                                         notes: ["index every axis in one pair of brackets: X[m, j] = v"])
                }
                var part = try get(container, keys)
                try update(&part, rest, newValue)
                newValue = part
            }
            var box = takeTensor(&container)
            defer { container = .tensor(box) }
            if !isKnownUniquelyReferenced(&box) { box = TensorBox(box.tensor) }
            try setTensor(&box.tensor, keys, newValue)
            return true
        }
    }

    /// `container[x] = newValue` in place for one whole-number index on a
    /// list or an untracked vector (the loop `v[i] = ...`); false when the
    /// general path must handle it (nothing is changed then).
    static func setElement(_ container: inout Value, _ x: Double, _ newValue: Value) -> Bool {
        guard let i = Int(exactly: x) else { return false }
        if case .tensor = container {
            guard case .number(let v) = newValue else { return false }
            var box = takeTensor(&container)
            defer { container = .tensor(box) }
            if !isKnownUniquelyReferenced(&box) {
                guard box.vectorElement(Double(i)) != nil else { return false }
                box = TensorBox(box.tensor)
            }
            return box.setVectorElement(i, v)
        }
        if case .list = container {
            var items = takeList(&container)
            defer { container = .list(items) }
            guard i >= -items.count, i < items.count else { return false }
            items[i < 0 ? i + items.count : i] = newValue
            return true
        }
        return false
    }

    // The take functions move a payload out of a value, leaving nil, so the
    // caller holds the only reference (a `switch` on the value would keep a
    // second one alive and force a full copy on every write).

    static func takeString(_ v: inout Value) -> String {
        let taken = v
        v = .nil
        if case .string(let s) = taken { return s }
        return ""
    }

    static func takeList(_ v: inout Value) -> [Value] {
        let taken = v
        v = .nil
        if case .list(let items) = taken { return items }
        return []
    }

    private static func takeRecord(_ v: inout Value) -> Record {
        let taken = v
        v = .nil
        if case .record(let record) = taken { return record }
        return Record()
    }

    static func takeTensor(_ v: inout Value) -> TensorBox {
        let taken = v
        v = .nil
        if case .tensor(let box) = taken { return box }
        return TensorBox(Tensor(0))
    }

    static func setTensor(_ t: inout Tensor, _ keys: [IndexKey], _ newValue: Value) throws {
        if case .number(let x) = newValue, let offset = try directOffset(t, keys) {
            t[flat: offset] = x
            return
        }
        do {
            try t.set(try tensorItems(t, keys), to: try newValue.asTensor())
        } catch let e as TensorError {
            throw SomaError(e)
        }
    }
}

/// `t.astype(dtype)`: the tensor converted to "float64" or "float32".
private func astypeMethod(_ t: Tensor) -> Builtin {
    Builtin("astype(dtype)", doc: "The tensor converted to dtype (\"float64\" or \"float32\").") { args in
        let name = try args.string(0, "dtype")
        guard let dtype = DType(rawValue: name) else {
            let names = DType.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw SomaError.value("astype: dtype must be one of \(names), got \"\(name)\"")
        }
        return Value(t.astype(dtype))
    }
}
