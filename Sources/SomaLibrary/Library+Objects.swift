import SomaLang

extension Library {
    /// `object(...)`: objects whose fields and methods are written in Soma,
    /// so Stdlib models (Hopfield, SOM, ...) read like the lecture notes and
    /// still behave like native ones (`som.learn(X)` changes `som`).
    static var objects: LibrarySection {
        LibrarySection(name: "objects", builtins: [
            Builtin("object(type, fields, methods = {}, doc: \"\")", doc: """
                A new object of the named type with the given fields and methods.
                The object is a reference (assigning it shares it). Fields are read and written
                as obj.name (only the fields given here exist); \
                a method is a function whose first parameter is the object itself, so obj.learn(X) calls \
                learn(obj, X). A method named `call` makes the object callable. help(obj) lists both, \
                with each method's `##` doc.
                Example:
                    ## Adds k to the count and returns the new count.
                    fn counter_add(self, k = 1) { self.n += k; self.n }
                    c = object("Counter", {n: 0}, {add: counter_add})
                    c.add(); c.add(5) == 6
                """) { args in
                let type = try args.string(0, "type")
                guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw SomaError.value("object: type must be a name such as \"SOM\", got \(quotedText(type))")
                }
                let fields = try args.record(1, "fields")
                var methods: [(name: String, function: Closure)] = []
                if let given = args.optional(2, "methods") {
                    guard case .record(let record) = given else {
                        throw SomaError.type("object: methods must be a record of functions, got a \(given.typeName)")
                    }
                    for (name, value) in record.fields {
                        guard case .function(.closure(let function)) = value else {
                            throw SomaError.type("object: method '\(name)' must be a function written in Soma, got a \(value.typeName)")
                        }
                        guard !function.parameterTexts.isEmpty else {
                            throw SomaError.type("object: method '\(name)' needs a first parameter for the object itself (self)")
                        }
                        guard fields[name] == nil else {
                            throw SomaError.value("object: '\(name)' is both a field and a method")
                        }
                        methods.append((name, function))
                    }
                }
                let doc = try args.keywordString("doc", default: "")
                return .object(ScriptObject(typeName: type, doc: doc, fields: fields, methods: methods))
            },
        ])
    }
}
