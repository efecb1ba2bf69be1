namespace AccelSim.Config.Yaml;

/// <summary>Turns a scalar's text into a typed value or says what is wrong with it (the shape of every <c>TryParse</c> in <c>Units</c>).</summary>
public delegate bool ScalarParser<T>(string text, out T value, out string error);
