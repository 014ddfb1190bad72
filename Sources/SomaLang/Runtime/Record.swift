/// An ordered record with string keys, such as `{t: ..., v: ..., spikes: ...}`.
///
/// Fields keep insertion order. Lookup is by hash: a record may be a
/// vocabulary of many thousand words, and a linear scan made building one
/// quadratic (40k keys took seconds, 80k did not finish). Removing a field is
/// linear (the later fields move up), as it is rare.
public struct Record {
    public private(set) var keys: [String]
    public private(set) var values: [Value]
    /// Position of each key in `keys`.
    private var positions: [String: Int]

    public init() {
        keys = []
        values = []
        positions = [:]
    }

    /// A record with the fields in the order written:
    /// `Record(["t": Value(t), "v": Value(v)])`.
    public init(_ fields: KeyValuePairs<String, Value>) {
        self.init()
        for (key, value) in fields { self[key] = value }
    }

    /// A record from ordered pairs; a repeated key keeps its last value.
    public init(pairs: [(String, Value)]) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }

    /// The field `key`; assigning adds a new field at the end or replaces one.
    public subscript(key: String) -> Value? {
        get {
            guard let i = positions[key] else { return nil }
            return values[i]
        }
        set {
            if let i = positions[key] {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                    positions[key] = nil
                    for j in i..<keys.count { positions[keys[j]] = j }
                }
            } else if let newValue {
                positions[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The field `key`, looked for first at position `hint` (where the same
    /// access site found it last time); `hint` is updated when it was elsewhere.
    /// A record that gained or lost fields since is still read correctly.
    @inline(__always)
    func field(_ key: String, hint: inout Int) -> Value? {
        let i = hint
        if i < keys.count, keys[i] == key { return values[i] }
        guard let j = positions[key] else { return nil }
        hint = j
        return values[j]
    }

    /// The fields in order.
    public var fields: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}
