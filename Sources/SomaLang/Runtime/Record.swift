/// An ordered record with string keys, such as `{t: ..., v: ..., spikes: ...}`.
///
/// Records are small (a handful of fields), so lookup is a linear scan that
/// keeps insertion order without a hash table.
public struct Record {
    public private(set) var keys: [String]
    public private(set) var values: [Value]

    public init() {
        keys = []
        values = []
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
            guard let i = keys.firstIndex(of: key) else { return nil }
            return values[i]
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The fields in order.
    public var fields: Zip2Sequence<[String], [Value]> { zip(keys, values) }
}
