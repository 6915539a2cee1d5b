import ProbityEngine

/// Why a meeting, agenda or vote file could not be read: the same kind of error as a
/// decision's, naming the field and saying what was expected.
public typealias ConflictsInputError = InputError
