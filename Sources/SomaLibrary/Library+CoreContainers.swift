import SomaCore
import SomaLang

extension Library {
    /// Lists, records, ranges and their sizes.
    static var coreContainers: [Builtin] {
        [
            Builtin("len(x)", doc: """
                Number of items: list elements, string characters, record fields, range numbers, or a tensor's first axis.
                Example: len(zeros(3, 4)) == 3
                """) { args in
                let x = try args.value(0, "x")
                switch x {
                case .list(let items): return Value(items.count)
                case .string(let s): return Value(s.count)
                case .record(let r): return Value(r.count)
                case .range(let r): return Value(r.count)
                case .tensor(let box):
                    guard let first = box.tensor.shape.first else { throw SomaError.type("len: a 0-d tensor has no length") }
                    return Value(first)
                case .object(let o): throw SomaError.type("len: \(o.typeName) has no length")
                default: throw SomaError.type("len: \(x.typeName) has no length")
                }
            },
            Builtin("range(start, stop?, step?)", doc: """
                The whole numbers from start (default 0) up to but not including stop, by step.
                Example:
                    range(3)          # 0..<3
                    list(range(0, 10, 2))   # [0, 2, 4, 6, 8]
                """) { args in
                let a = try exactInteger(args.int(0, "start"))
                guard args.optional(1, "stop") != nil else { return .range(SomaRange(start: 0, end: a)) }
                let b = try exactInteger(args.int(1, "stop"))
                let step = try exactInteger(args.optional(2, "step").map { _ in try args.int(2, "step") } ?? 1)
                guard step != 0 else { throw SomaError.value("range: step cannot be 0") }
                if step == 1 { return .range(SomaRange(start: a, end: b)) }
                let count = step > 0 ? max(0, (b - a + step - 1) / step) : max(0, (a - b - step - 1) / -step)
                guard count <= SomaRange.materialLimit else { throw SomaError.limit("range: \(count) numbers is too many") }
                return .list((0..<count).map { Value(a + $0 * step) })
            },
            Builtin("list(x)", doc: """
                The items of x as a list: tensor rows (numbers for a vector), range numbers, string characters, record keys.
                Example: list("abc")  # ["a", "b", "c"]
                """) { args in
                .list(try iterationItems(args.value(0, "x")))
            },
            Builtin("enumerate(xs, start: 0)", doc: """
                Pairs [i, x] of each item with its position, for `for i, x in enumerate(xs)`.
                Example: enumerate(["a", "b"])  # [[0, "a"], [1, "b"]]
                """) { args in
                let start = try exactInteger(args.keywordInt("start", default: 0))
                let items = try iterationItems(args.value(0, "xs"))
                return .list(items.enumerated().map { .list([Value(start + $0.offset), $0.element]) })
            },
            Builtin("zip(xs...)", doc: """
                Lists of the i-th items of each argument, as long as the shortest.
                Example: zip([1, 2], ["a", "b"])  # [[1, "a"], [2, "b"]]
                """) { args in
                let sequences = try args.positional.map(iterationItems)
                let n = sequences.map(\.count).min() ?? 0
                return .list((0..<n).map { i in .list(sequences.map { $0[i] }) })
            },
            Builtin("keys(r)", doc: """
                The field names of a record (or of an object), in order.
                Example: keys({a: 1, b: 2}) == ["a", "b"]
                """) { args in
                let r = try args.value(0, "r")
                if case .object(let o) = r { return .list(o.fieldNames.map { .string($0) }) }
                return .list(try args.record(0, "r").keys.map { .string($0) })
            },
            Builtin("values(r)", doc: """
                The field values of a record, in order.
                Example: values({a: 1, b: 2})  # [1, 2]
                """) { args in
                .list(try args.record(0, "r").values)
            },
            Builtin("get(r, key, default = nil)", doc: """
                The field `key` of a record, or `default` when it has none.
                Example: get({a: 1}, "b", 0) == 0
                """) { args in
                let r = try args.record(0, "r")
                return r[try args.string(1, "key")] ?? args.optional(2, "default") ?? .nil
            },
            Builtin("has(r, key)", doc: """
                Whether a record has the field `key`.
                Example: has({a: 1}, "a") == true
                """) { args in
                .bool(try args.record(0, "r")[try args.string(1, "key")] != nil)
            },
            Builtin("push(xs, x)", doc: """
                A copy of xs with x added at the end (a list, or a vector when xs is one and x a number).
                Values are not shared, so write xs = push(xs, x).
                Example:
                    rates = []
                    for v in [1.5, 2, 3] { rates = push(rates, lif_rate(v)) }
                    rates
                """) { args in
                let xs = try args.value(0, "xs")
                let x = try args.value(1, "x")
                switch xs {
                case .list(var items):
                    items.append(x)
                    return .list(items)
                case .tensor(let box) where box.tensor.rank == 1:
                    if case .number(let n) = x { return Value(Tensor(box.tensor.data + [n])) }
                    return .list(try iterationItems(xs) + [x])
                default:
                    throw SomaError.type("push: argument 'xs' must be a list, got \(xs.typeName)")
                }
            },
            Builtin("contains(xs, x)", doc: """
                Whether x is an item of xs (a list, tensor, range or string), or a field name of a record.
                Example: contains([1, 2, 3], 2) == true
                """) { args in
                let xs = try args.value(0, "xs")
                let x = try args.value(1, "x")
                switch (xs, x) {
                // Every string contains the empty string (Foundation's contains says no).
                case (.string(let s), .string(let part)): return .bool(part.isEmpty || s.contains(part))
                case (.record(let r), .string(let key)): return .bool(r[key] != nil)
                default: return .bool(try iterationItems(xs).contains { $0.equals(x) })
                }
            },
            Builtin("reversed(xs)", doc: """
                The items of xs in reverse order (a tensor stays a tensor).
                Example: reversed([1, 2, 3])  # [3, 2, 1]
                """) { args in
                let xs = try args.value(0, "xs")
                if case .string(let s) = xs { return .string(String(s.reversed())) }
                return try sameKind(as: xs, try iterationItems(xs).reversed())
            },
            Builtin("join(xs, sep = \"\")", doc: """
                The items of xs as text, joined by sep.
                Example: join(["a", "b"], ", ") == "a, b"
                """) { args in
                let sep = try args.optional(1, "sep").map { _ in try args.string(1, "sep") } ?? ""
                let texts = try iterationItems(args.value(0, "xs")).map(\.textString)
                let bytes = texts.reduce(sep.utf8.count * max(0, texts.count - 1)) { $0 + $1.utf8.count }
                try SizeLimit.checkString(bytes, "join")
                return .string(texts.joined(separator: sep))
            },
        ]
    }
}

/// `n` when its size keeps integer arithmetic on it exact (|n| < 2^53, as
/// for every whole number a Soma number holds exactly).
func exactInteger(_ n: Int) throws -> Int {
    // A range check, not abs(n): abs(-2^63) traps (found by FuzzBuiltins).
    guard n > -(1 << 53), n < 1 << 53 else { throw SomaError.value("\(n) is too large for an exact whole number") }
    return n
}

/// The items a `for` loop would visit in `x`.
func iterationItems(_ x: Value) throws -> [Value] {
    try x.items()
}

/// `items` as a tensor when `original` was one and they are all numbers, else a list.
func sameKind(as original: Value, _ items: [Value]) throws -> Value {
    if case .tensor = original, !items.isEmpty {
        return try Value.collection(items)
    }
    return .list(items)
}
