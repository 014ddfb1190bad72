/// What entering a function needs from its interpreter, as plain pointers.
/// Compiled calls hold this by value, so a call retains no interpreter
/// object (a method call on the interpreter itself retained it each time).
struct CallSupport {
    let depth: UnsafeMutablePointer<Int>
    let depthLimit: UnsafeMutablePointer<Int>
    let stackFloor: UnsafeMutablePointer<UInt>
    let stackEnd: UnsafeMutablePointer<Value>
    /// Read without a reference count update (the interpreter keeps the
    /// flag alive): an `unowned(unsafe)` reference was retained and released
    /// around every check.
    let interrupt: Unmanaged<InterruptFlag>
    unowned(unsafe) let vm: Interpreter

    /// Enters a Soma function: `bind` stores the parameters into the first
    /// slots at `base`; the other slots start as nil and are cleared on return.
    @inline(__always)
    func invoke(_ c: Closure, base: UnsafeMutablePointer<Value>, bind: (UnsafeMutablePointer<Value>) -> Void) throws -> Value {
        let size = c.slotCount
        // The native stack is measured on every fourth level: the floor keeps
        // a 32 MB margin, far more than four Soma calls can use.
        guard depth.pointee < depthLimit.pointee, base + size <= stackEnd,
              depth.pointee & 3 != 0 || currentStackAddress() > stackFloor.pointee else { throw vm.depthError(c) }
        if interrupt._withUnsafeGuaranteedRef({ $0.isSet }) { throw SomaError.interrupt() }
        depth.pointee += 1
        bind(base)
        // Slot by slot: small frames are cheaper this way than through the
        // runtime's generic array initialise/destroy.
        var slot = c.arity
        while slot < size {
            (base + slot).initialize(to: .nil)
            slot += 1
        }
        defer {
            // A number needs no release: only other values go through the
            // runtime's (out of line) destroy.
            var k = 0
            while k < size {
                let p = base + k
                if case .number = p.pointee {} else { p.deinitialize(count: 1) }
                k += 1
            }
            depth.pointee -= 1
        }
        if c.hasCells { makeCells(c.proto, base) }
        do {
            return try c.run(Frame(base: base, closure: c))
        } catch {
            return try leave(c, error)
        }
    }

    /// A function left by an error: a `return` signal gives its value, a
    /// Soma error records the function it left. Out of line, so the call
    /// path stays small.
    @inline(never)
    private func leave(_ c: Closure, _ error: Error) throws -> Value {
        if let signal = error as? ControlSignal, signal.flow == .returnValue { return vm.takeReturnValue() }
        guard let error = error as? SomaError else { throw error }
        var left = error.leaving(c.proto.source)
        left.leftFunction = c.name == "<fn>" ? nil : c.name
        throw left
    }

    private func makeCells(_ proto: FunctionProto, _ base: UnsafeMutablePointer<Value>) {
        for slot in proto.cellParameters { base[slot] = .object(Cell(base[slot])) }
        for slot in proto.cellLocals { base[slot] = .object(Cell(.nil)) }
    }
}

extension Interpreter {
    /// The pointers compiled calls use (see `CallSupport`).
    var calls: CallSupport {
        CallSupport(depth: depthCounter, depthLimit: depthLimit, stackFloor: nativeStackFloor,
                    stackEnd: stackEnd, interrupt: Unmanaged.passUnretained(interruptFlag), vm: self)
    }

    /// Enters a Soma function from native code paths (see `CallSupport.invoke`).
    func invoke(_ c: Closure, base: UnsafeMutablePointer<Value>, bind: (UnsafeMutablePointer<Value>) -> Void) throws -> Value {
        try calls.invoke(c, base: base, bind: bind)
    }


    func depthError(_ c: Closure) -> SomaError {
        if callDepth >= maxCallDepth {
            return SomaError(.limit, "too deep recursion: more than \(maxCallDepth) nested calls (in \(c.name))")
        }
        return SomaError(.limit, "too deep recursion: the stack is full (in \(c.name))")
    }

    /// Calls any callable value with evaluated arguments; a Soma callee's
    /// frame starts at `base` (just past the caller's frame).
    func callValue(_ callee: Value, _ args: [Value], _ keywords: [(name: String, value: Value)], base: UnsafeMutablePointer<Value>) throws -> Value {
        switch callee {
        case .function(.closure(let c)):
            return try callClosure(c, args, keywords, base: base)
        case .function(.native(let builtin)):
            return try callBuiltin(builtin, args, keywords, base: base)
        case .object(let object):
            guard let builtin = object.callable else { throw SomaError.type("\(object.typeName) cannot be called") }
            return try callBuiltin(builtin, args, keywords, base: base)
        default:
            throw SomaError.type("\(callee.typeName) is not a function")
        }
    }

    /// A Soma function call with keywords, defaults or a mismatched count.
    func callClosure(_ c: Closure, _ args: [Value], _ keywords: [(name: String, value: Value)], base: UnsafeMutablePointer<Value>) throws -> Value {
        let names = c.proto.parameterNames
        guard args.count <= names.count else {
            throw SomaError.type("\(c.name) takes \(names.count) argument\(names.count == 1 ? "" : "s") but \(args.count) were given")
        }
        var bound: [Value?] = args + Array(repeating: nil, count: names.count - args.count)
        for (name, value) in keywords {
            guard let i = names.firstIndex(of: name) else {
                throw SomaError.type("\(c.name) has no parameter '\(name)'", notes: ["its signature is \(c.signature)"])
            }
            guard bound[i] == nil else { throw SomaError.type("\(c.name) got two values for '\(name)'") }
            bound[i] = value
        }
        for i in names.indices where bound[i] == nil {
            guard let fallback = c.defaults[i] else {
                throw SomaError.type("\(c.name) is missing argument '\(names[i])'", notes: ["its signature is \(c.signature)"])
            }
            bound[i] = fallback
        }
        return try invoke(c, base: base) { slots in
            for (i, value) in bound.enumerated() { (slots + i).initialize(to: value ?? .nil) }
        }
    }

    /// Calls a native function after checking its arguments against its signature.
    func callBuiltin(_ builtin: Builtin, _ args: [Value], _ keywords: [(name: String, value: Value)], base: UnsafeMutablePointer<Value>) throws -> Value {
        let p = builtin.parameters
        if p.isChecked {
            if !p.isVariadic && args.count > p.positional.count {
                throw SomaError.type("\(builtin.name) takes at most \(p.positional.count) positional argument\(p.positional.count == 1 ? "" : "s") but \(args.count) were given",
                                     notes: ["its signature is \(builtin.signature)"] + builtin.hints)
            }
            for (name, _) in keywords where !p.accepts(keyword: name) {
                throw SomaError.type("\(builtin.name) has no parameter '\(name)'", notes: ["its signature is \(builtin.signature)"] + builtin.hints)
            }
        }
        if interruptFlag.isSet { throw SomaError.interrupt() }
        let saved = stackTop
        stackTop = base
        defer { stackTop = saved }
        return try nativeErrors {
            try builtin.body(Arguments(positional: args, keywords: keywords, context: context, callee: builtin.name))
        }
    }

    /// Calls a builtin's one-argument form (`Builtin.unary`), with the
    /// interrupt check and error conversion of `callBuiltin`.
    @inline(__always)
    func callUnary(_ direct: (Value) throws -> Value, _ x: Value) throws -> Value {
        if interruptFlag.isSet { throw SomaError.interrupt() }
        return try nativeErrors { try direct(x) }
    }

    /// Runs native code: control signals, exit requests and Soma errors pass
    /// through; any other error becomes a Soma error (the one translation at
    /// the builtin boundary).
    @inline(__always)
    private func nativeErrors(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let signal as ControlSignal {
            throw signal
        } catch let request as ExitRequest {
            throw request
        } catch let error as SomaError {
            throw error
        } catch {
            throw SomaError(converting: error)
        }
    }

    /// Runs `body` with native calls into Soma placed at `top`: needed where
    /// native object code (field getters and setters) runs outside a builtin
    /// call, so a callback's frame cannot land on live slots.
    @inline(__always)
    func withStackTop<T>(_ top: UnsafeMutablePointer<Value>, _ body: () throws -> T) rethrows -> T {
        let saved = stackTop
        stackTop = top
        defer { stackTop = saved }
        return try body()
    }

    /// `receiver.name(args)`: an object's method, or a function stored in a field.
    func callMethod(_ receiver: Value, _ name: String, _ args: [Value], _ keywords: [(name: String, value: Value)], base: UnsafeMutablePointer<Value>) throws -> Value {
        if case .object(let object) = receiver, let method = object.method(name) {
            return try callBuiltin(method, args, keywords, base: base)
        }
        let function = try withStackTop(base) { try Indexing.field(receiver, name) }
        return try callValue(function, args, keywords, base: base)
    }

    /// `Context.call`: a call from native code, placed above every live frame.
    func call(_ function: Value, _ arguments: [Value], keywords: [(name: String, value: Value)]) throws -> Value {
        // A host may call outside any run: the call gets the large stack too.
        try onLargeStack { try self.callValue(function, arguments, keywords, base: self.stackTop) }
    }
}
