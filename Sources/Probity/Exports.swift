import ProbityConflicts
import ProbityEngine
import ProbityRegister
import ProbityReports
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
public typealias DiagnosticCode = ProbitySyntax.DiagnosticCode
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
public typealias Decision = ProbityEngine.Decision
public typealias InputError = ProbityEngine.InputError
public typealias DecisionErrors = ProbityEngine.DecisionErrors
public typealias InputErrors = ProbityEngine.InputErrors
public typealias Meeting = ProbityConflicts.Meeting
public typealias Agenda = ProbityConflicts.Agenda
public typealias RecordedVotes = ProbityConflicts.RecordedVotes
public typealias Register = ProbityRegister.Register
public typealias RegisterLoader = ProbityRegister.RegisterLoader
public typealias RegisterLoadError = ProbityRegister.RegisterLoadError
/// A register read another thread may share (``RegisterLoader/load(path:files:sharing:)``).
public typealias RegisterReadSharing = ProbityRegister.RegisterReadSharing
/// Jobs another thread may help with (``Engine/expectingRegister(_:sharing:)``).
public typealias SharedJobs = ProbitySupport.SharedJobs

// Answers.
public typealias Report = ProbityReports.Report
public typealias ConflictsReport = ProbityReports.ConflictsReport
public typealias Explanation = ProbityReports.Explanation
public typealias VoteTally = ProbityConflicts.VoteTally
public typealias VoteWeight = ProbityConflicts.VoteWeight
