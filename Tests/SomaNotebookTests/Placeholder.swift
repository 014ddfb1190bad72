import Testing
@testable import SomaNotebook

@Test func moduleLoads() { #expect(Bool(true)) }
