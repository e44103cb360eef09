using System.Data.Common;

namespace DossierTracking.Silo.Storage;

/// <summary>Named parameters on a command of either database (the stores bind by name, the same text on both).</summary>
internal static class DbCommandParameters
{
    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
