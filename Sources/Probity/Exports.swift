import ProbityEvaluation
import ProbityRegister
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

// The surface a program embedding Probity needs, under `import Probity` alone. The stages
// behind the front door stay modules of their own; these are the types their answers are
// written in.

// Loading rules.
public typealias FileProvider = ProbitySupport.FileProvider
public typealias FileKind = ProbitySupport.FileKind
public typealias DiskFiles = ProbitySupport.DiskFiles
public typealias MemoryFiles = ProbitySupport.MemoryFiles
public typealias MountedFiles = ProbitySupport.MountedFiles
public typealias FilePath = ProbitySupport.FilePath
public typealias Diagnostic = ProbitySyntax.Diagnostic
public typealias InputPosition = ProbitySyntax.InputPosition
public typealias Severity = ProbitySyntax.Severity
public typealias SourceMap = ProbitySyntax.SourceMap
public typealias DiagnosticRenderer = ProbitySyntax.DiagnosticRenderer
public typealias Program = ProbitySemantics.Program

// Values in decisions and answers.
public typealias Money = ProbitySupport.Money
public typealias Day = ProbitySupport.Day
public typealias JSONValue = ProbitySupport.JSONValue
public typealias JSONWriter = ProbitySupport.JSONWriter
public typealias JSONStreamWriter = ProbitySupport.JSONStreamWriter

// Inputs.
public typealias Decision = ProbityEvaluation.Decision
public typealias InputError = ProbityEvaluation.InputError
public typealias DecisionErrors = ProbityEvaluation.DecisionErrors
public typealias Meeting = ProbityEvaluation.Meeting
public typealias Agenda = ProbityEvaluation.Agenda
public typealias RecordedVotes = ProbityEvaluation.RecordedVotes
public typealias Register = ProbityRegister.Register
public typealias RegisterLoader = ProbityRegister.RegisterLoader
public typealias RegisterLoadError = ProbityRegister.RegisterLoadError

// Answers.
public typealias Report = ProbityEvaluation.Report
public typealias ConflictsReport = ProbityEvaluation.ConflictsReport
public typealias Explanation = ProbityEvaluation.Explanation
public typealias VoteTally = ProbityEvaluation.VoteTally
public typealias VoteWeight = ProbityEvaluation.VoteWeight
