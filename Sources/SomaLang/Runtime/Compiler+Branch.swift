extension Compiler {
    /// `if x < c { a } else { b }` as a value, with `x` a local and `c` a
    /// number (the test of a recursive function's base case): the comparison
    /// is done inside the branch closure, saving a closure call. A slot that
    /// does not hold a number takes `test`, the condition's general code.
    /// A `then` block that only names a local (`{ n }`) is read in place.
    /// Nil when the condition has another shape.
    func fusedBranch(_ condition: Expr, _ thenBlock: [Stmt], _ test: @escaping CondCode, _ then: @escaping Code, _ otherwise: @escaping Code) -> Code? {
        guard case .binary(let op, let l, let r) = condition.kind,
              case .name(let name) = l.kind, case .local(let i) = scope.resolve(name, globals: vm.globals),
              case .constant(let c)? = numeric(r) else { return nil }
        var j = -1
        if thenBlock.count == 1, case .expression(let e, _) = thenBlock[0].kind, case .name(let n) = e.kind,
           case .local(let slot) = scope.resolve(n, globals: vm.globals) {
            j = slot
        }
        switch op {
        case .less: return branch(LessComparison.self, i, c, j, test, then, otherwise)
        case .lessEqual: return branch(LessEqualComparison.self, i, c, j, test, then, otherwise)
        case .greater: return branch(GreaterComparison.self, i, c, j, test, then, otherwise)
        case .greaterEqual: return branch(GreaterEqualComparison.self, i, c, j, test, then, otherwise)
        case .equal: return branch(EqualComparison.self, i, c, j, test, then, otherwise)
        case .notEqual: return branch(NotEqualComparison.self, i, c, j, test, then, otherwise)
        default: return nil
        }
    }

    /// `j` is the local slot the `then` block reads, or -1.
    private func branch<K: NumericComparison>(_ k: K.Type, _ i: Int, _ c: Double, _ j: Int, _ test: @escaping CondCode,
                                              _ then: @escaping Code, _ otherwise: @escaping Code) -> Code {
        { frame in
            if case .number(let x) = frame.base[i] {
                if !K.apply(x, c) { return try otherwise(frame) }
                return j >= 0 ? frame.base[j] : try then(frame)
            }
            return try test(frame) ? try then(frame) : try otherwise(frame)
        }
    }
}
