/// The global scope: names resolved to slots when code is compiled.
///
/// A slot exists as soon as some code mentions the name, and holds nil until
/// the name is bound, so compiled code reads globals by index while later
/// cells can still define new names.
final class GlobalTable {
    /// Where the slots are: a fixed cell holding the (movable) slot array, so
    /// compiled code reads a global through two plain loads. A stored `var`
    /// of a class would pay Swift's dynamic exclusivity check on every read.
    private let storage: UnsafeMutablePointer<UnsafeMutablePointer<Value?>>
    private(set) var names: [String] = []
    private var indexOfName: [String: Int] = [:]
    private var capacity: Int

    /// The slots, valid until the next new name grows the table.
    @inline(__always)
    var values: UnsafeMutablePointer<Value?> { storage.pointee }

    init() {
        capacity = 256
        storage = UnsafeMutablePointer<UnsafeMutablePointer<Value?>>.allocate(capacity: 1)
        storage.initialize(to: UnsafeMutablePointer<Value?>.allocate(capacity: capacity))
    }

    deinit {
        // Releasing a list nested a million deep recurses once per level:
        // hosts drop sessions on small stacks, so release on the large one.
        // (Sessions empty their globals first; then there is nothing to do there.)
        let values = self.values, count = names.count
        if (0..<count).contains(where: { values[$0] != nil }) {
            runOnLargeStack { values.deinitialize(count: count) }
        } else {
            values.deinitialize(count: count)
        }
        values.deallocate()
        storage.deallocate()
    }

    /// The slot of `name`, created (unbound) on first mention.
    func slot(_ name: String) -> Int {
        if let i = indexOfName[name] { return i }
        if names.count == capacity { grow() }
        let i = names.count
        (values + i).initialize(to: nil)
        names.append(name)
        indexOfName[name] = i
        return i
    }

    func set(_ name: String, _ value: Value) {
        values[slot(name)] = value
    }

    func value(of name: String) -> Value? {
        guard let i = indexOfName[name] else { return nil }
        return values[i]
    }

    /// Bound names in the order their slots were made.
    var definedNames: [String] {
        names.indices.compactMap { values[$0] == nil ? nil : names[$0] }
    }

    /// Unbinds every name; slots stay valid for code already compiled.
    func removeAll() {
        for i in names.indices { values[i] = nil }
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<Value?>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: values, count: names.count)
        values.deallocate()
        storage.pointee = bigger
        capacity *= 2
    }
}
