import SomaLang
/// What `filter` misused as a signal filter points to.
private let convolveHint = "to pass a signal through a kernel (a spike train through a PSC), use convolve(x, kernel, dt:)"

extension Library {
    /// map, filter, reduce, sorted: higher-order functions that call back into Soma.
    static var coreFunctional: [Builtin] {
        [
            Builtin("map(f, xs)", doc: """
                f applied to each item of xs; numbers come back as a tensor, other results as a list.
                Example: map(fn(x) = x^2, [1, 2, 3])  # [1, 4, 9]
                """) { args in
                let f = try args.function(0, "f")
                let results = try args.value(1, "xs").items().map { try args.context.call(f, [$0]) }
                return try Value.collection(results)
            },
            Builtin("filter(f, xs)", doc: """
                The items of xs for which f is true (a tensor stays a tensor).
                Example: filter(fn(x) = x > 1, [1, 2, 3])  # [2, 3]
                """, hints: [convolveHint]) { args in
                if case .tensor = try args.value(0, "f") {
                    throw SomaError(.type, "filter(f, xs) keeps the items of xs for which the function f is true",
                                    notes: [convolveHint])
                }
                let f = try args.function(0, "f")
                let xs = try args.value(1, "xs")
                let kept = try xs.items().filter { item in
                    let keep = try args.context.call(f, [item])
                    switch keep {
                    case .bool(let b): return b
                    case .nil: return false
                    case .tensor(let box) where box.tensor.count == 1: return box.tensor.data[0] != 0
                    default: throw SomaError.type("filter: f must return true or false, got \(keep.typeName)")
                    }
                }
                return try sameKind(as: xs, kept)
            },
            Builtin("reduce(f, xs, init?)", doc: """
                Folds xs from the left: f(f(init, x0), x1) ...; without init, starts from the first item.
                Example: reduce(fn(a, b) = a + b, [1, 2, 3]) == 6
                """) { args in
                let f = try args.function(0, "f")
                var items = try args.value(1, "xs").items()[...]
                guard var acc = args.optional(2, "init") ?? items.popFirst() else {
                    throw SomaError.value("reduce: xs is empty and no init was given")
                }
                for item in items { acc = try args.context.call(f, [acc, item]) }
                return acc
            },
            Builtin("sorted(xs, key: nil, reverse: false)", doc: """
                The items of xs in increasing order (numbers or strings), by key(x) when given.
                The sort is stable; a tensor stays a tensor.
                Example:
                    sorted([3, 1, 2])  # [1, 2, 3]
                    runs = [{lr: 0.1, loss: 0.3}, {lr: 1, loss: 0.05}]
                    sorted(runs, key: fn(r) = r.loss)[0].lr  # 1
                """) { args in
                let xs = try args.value(0, "xs")
                let key = try args.keyword("key").flatMap { $0.isNil ? nil : try args.function(-1, "key") }
                let reverse = try args.keywordBool("reverse", default: false)
                let items = try xs.items()
                let keys = try items.map { item in try key.map { k in try args.context.call(k, [item]) } ?? item }
                var failure: SomaError?
                // NaN stays last when reversed too (a missing value, not a large one).
                let order = items.indices.sorted { i, j in
                    do {
                        return try reverse ? lessThanReversed(keys[i], keys[j]) : lessThan(keys[i], keys[j])
                    } catch {
                        failure = failure ?? (error as? SomaError)
                        return false
                    }
                }
                if let failure { throw failure }
                return try sameKind(as: xs, order.map { items[$0] })
            },
        ]
    }
}

/// The order `sorted` uses: numbers by value with NaN after every number
/// (as numpy; `<` alone is not an order with NaN, and the sort scrambled
/// the numbers around one), strings by text.
private func lessThan(_ a: Value, _ b: Value) throws -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return y.isNaN ? !x.isNaN : x < y
    case (.string(let x), .string(let y)): return x < y
    case (.bool(let x), .bool(let y)): return !x && y
    default: throw SomaError.type("sorted: cannot order \(a.typeName) and \(b.typeName)")
    }
}

/// The reversed order of `lessThan`, NaN still last.
private func lessThanReversed(_ a: Value, _ b: Value) throws -> Bool {
    if case .number(let x) = a, case .number(let y) = b, x.isNaN || y.isNaN { return y.isNaN && !x.isNaN }
    return try lessThan(b, a)
}
