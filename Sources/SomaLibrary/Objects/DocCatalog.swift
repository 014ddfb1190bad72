import SomaLang
import SomaPlot

/// One documented name: a builtin, a member of a bound object type, or a
/// `##`-documented Stdlib function, with its signature and doc string.
public struct DocEntry: Sendable {
    public enum Kind: String, Sendable {
        /// A builtin function (`linspace`).
        case builtin
        /// A method of a bound object type, or what calling the object does (`Network.learn`).
        case method
        /// A field of a bound object type (`Network.sizes`).
        case field
        /// A function of the Stdlib, written in Soma with `##` docs (`square`, `som_learn`).
        case stdlib
    }

    public let kind: Kind
    /// The name `help` finds it by: `linspace`, `Network.learn`, `square`.
    public let name: String
    public let signature: String
    public let doc: String

    public init(kind: Kind, name: String, signature: String, doc: String) {
        self.kind = kind
        self.name = name
        self.signature = signature
        self.doc = doc
    }

    /// The doc split into summary, details and example.
    public var text: DocText { DocText(doc) }

    /// What the doc lacks, as `DocText.problems` says.
    public var problems: [String] { text.problems }

    /// The `help` text.
    public var helpText: String { text.rendered(signature: signature) }
}

/// Every documented name of a session, so one test can hold all docs to the
/// one format (`DocText`) and run every example.
public enum DocCatalog {
    /// Builtins (sorted by name), then the members of every bound object
    /// type, then the Stdlib's documented functions (in definition order).
    public static func entries(in session: Session) -> [DocEntry] {
        let interpreter = session.interpreter
        var entries: [DocEntry] = interpreter.builtinNames.compactMap { name in
            interpreter.builtin(named: name).map {
                DocEntry(kind: .builtin, name: name, signature: $0.signature, doc: $0.doc)
            }
        }
        entries += objectMembers
        for name in interpreter.preludeNames.sorted() {
            guard case .function(.closure(let closure))? = interpreter.global(name),
                  closure.name == name, let doc = closure.doc, !doc.isEmpty else { continue }
            entries.append(DocEntry(kind: .stdlib, name: name, signature: closure.signature, doc: doc))
        }
        return entries
    }

    /// The entry called `name` (`Network.learn`, `Figure.save`), or nil.
    public static func entry(named name: String) -> DocEntry? {
        objectMembers.first { $0.name == name }
    }

    /// The fields, methods and calls of every object type bound in Swift.
    static var objectMembers: [DocEntry] {
        let tables: [any DocumentedType] = [
            NetworkType.type, SequentialType.type, PerceptronType.type,
            OptimizerType.type("SGD"), OptimizerType.type("Adam"),
            LayerType.dense, LayerType.dropout, ProgressBarType.type, IzhikevichType.type,
        ]
        return tables.flatMap(\.memberDocs) + FigureObject.memberDocs
    }
}

/// An object type whose members can be listed with their docs.
protocol DocumentedType {
    var memberDocs: [DocEntry] { get }
}

extension ObjectType: DocumentedType {
    var memberDocs: [DocEntry] {
        var docs: [DocEntry] = []
        if let call {
            docs.append(DocEntry(kind: .method, name: "\(name).call", signature: call.signature.text, doc: call.doc))
        }
        docs += fields.map { DocEntry(kind: .field, name: "\(name).\($0.name)", signature: "\(name).\($0.name)", doc: $0.doc) }
        docs += methods.map { DocEntry(kind: .method, name: "\(name).\($0.name)", signature: $0.signature.text, doc: $0.doc) }
        return docs
    }
}

extension FigureObject {
    /// The figure's methods, read from a blank figure.
    static var memberDocs: [DocEntry] {
        let blank = FigureObject(figure: Figure(), number: 0)
        return blank.methodNames.compactMap { name in
            blank.method(name).map { DocEntry(kind: .method, name: "Figure.\(name)", signature: $0.signature, doc: $0.doc) }
        }
    }
}
