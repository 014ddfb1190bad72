import Testing
@testable import SomaLang

@Test func moduleLoads() { #expect(Bool(true)) }
