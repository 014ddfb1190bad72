import SomaCore

/// Where one `r.name` access site last found its field, so the next read
/// compares one key instead of hashing the name. Held through a pointer: a
/// stored `var` of a class would pay a dynamic exclusivity check per read.
final class FieldSite {
    let position: UnsafeMutablePointer<Int>

    init() {
        position = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        position.initialize(to: 0)
    }

    deinit {
        position.deallocate()
    }
}

extension Compiler {
    /// `base.name`. A record held by a local or global variable is read in
    /// place (no copy of the record) at the position cached for this site;
    /// everything else goes through `Indexing.field`.
    func compileField(_ base: Expr, _ field: String, _ span: Span) throws -> Code {
        let code = try compileExpression(base)
        unowned(unsafe) let vm = self.vm
        let size = frameSize
        let general: Code = { frame in
            let v = try code(frame)
            if case .object = v {
                return try at(span) { try vm.withStackTop(frame.base + size) { try Indexing.field(v, field) } }
            }
            return try at(span) { try Indexing.field(v, field) }
        }
        guard case .name(let name) = base.kind else { return general }
        let site = FieldSite()
        switch resolve(name) {
        case .local(let i):
            return { frame in
                if case .record(let r) = frame.base[i], let v = r.field(field, hint: &site.position.pointee) { return v }
                return try general(frame)
            }
        case .global(let i, _):
            let table = vm.globals
            return { frame in
                if case .some(.record(let r)) = table.values[i], let v = r.field(field, hint: &site.position.pointee) {
                    return v
                }
                return try general(frame)
            }
        case .cell, .capture:
            return general
        }
    }
}
