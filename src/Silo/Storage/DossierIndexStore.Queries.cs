using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;
using DossierTracking.Grains.Agencies;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>The read model's queries: an agency's rows, lists, applicant search, report rows, and every row for the recount.</summary>
public sealed partial class DossierIndexStore
{
    public async Task<IReadOnlyList<DossierIndexRow>> LoadAgencyAsync(string agencyCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dvc_dossier_index " +
            "WHERE handling_agency = @agency OR receiving_desk = @agency OR current_agency = @agency";
        Add(command, "agency", agencyCode);
        return await ReadRows(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DossierIndexRow>> ListAsync(DossierListQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var column = query.Scope switch
        {
            AgencyScope.Receiving => "receiving_desk",
            AgencyScope.Current => "current_agency",
            _ => "handling_agency",
        };
        var sql = new StringBuilder($"SELECT {Columns} FROM dvc_dossier_index WHERE {column} = @agency");
        Add(command, "agency", query.AgencyCode);
        if (query.States.Count > 0)
        {
            sql.Append(" AND state IN (").AppendJoin(", ", query.States.Distinct().Select(s => (int)s)).Append(')');
        }

        if (query.Channel != Channel.Unspecified)
        {
            sql.Append(" AND channel = @channel");
            Add(command, "channel", (int)query.Channel);
        }

        if (query.ProcedureCode.Length > 0)
        {
            sql.Append(" AND procedure_code = @procedure");
            Add(command, "procedure", query.ProcedureCode);
        }

        if (query.AssigneeId.Length > 0)
        {
            // The second condition lets both databases use the partial index of assigned rows.
            sql.Append(" AND assignee_id = @assignee AND assignee_id <> ''");
            Add(command, "assignee", query.AssigneeId);
        }

        if (query.DueFrom is { } from)
        {
            sql.Append(" AND due_at_ms >= @due_from");
            Add(command, "due_from", from.ToUnixTimeMilliseconds());
        }

        if (query.DueTo is { } to)
        {
            sql.Append(" AND due_at_ms < @due_to");
            Add(command, "due_to", to.ToUnixTimeMilliseconds());
        }

        switch (query.Timeliness)
        {
            case Timeliness.WithinDeadline:
                sql.Append($" AND outcome = 0 AND state IN {OpenStates} AND due_at_ms IS NOT NULL AND COALESCE(paused_at_ms, @now) <= due_at_ms");
                Add(command, "now", query.At.ToUnixTimeMilliseconds());
                break;
            case Timeliness.Overdue:
                sql.Append($" AND outcome = 0 AND state IN {OpenStates} AND due_at_ms IS NOT NULL AND COALESCE(paused_at_ms, @now) > due_at_ms");
                Add(command, "now", query.At.ToUnixTimeMilliseconds());
                break;
            case Timeliness.Early or Timeliness.OnTime or Timeliness.Late:
                sql.Append(" AND outcome = @outcome");
                Add(command, "outcome", (int)query.Timeliness);
                break;
        }

        if (query.AfterReceiptCode is { } after)
        {
            sql.Append(" AND receipt_code > @after");
            Add(command, "after", after);
        }

        sql.Append(" ORDER BY receipt_code LIMIT @limit");
        Add(command, "limit", query.Limit);
        command.CommandText = sql.ToString();
        return await ReadRows(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DossierIndexRow>> FindByApplicantAsync(string idNumber, string phone, string unitCode, string? afterReceiptCode, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM dvc_dossier_index WHERE (receiving_desk = @unit OR handling_agency = @unit OR current_agency = @unit)");
        Add(command, "unit", unitCode);
        if (idNumber.Length > 0)
        {
            sql.Append(" AND applicant_id = @id");
            Add(command, "id", idNumber);
        }

        if (phone.Length > 0)
        {
            sql.Append(" AND applicant_phone = @phone");
            Add(command, "phone", phone);
        }

        if (afterReceiptCode is not null)
        {
            sql.Append(" AND receipt_code > @after");
            Add(command, "after", afterReceiptCode);
        }

        sql.Append(" ORDER BY receipt_code LIMIT @limit");
        Add(command, "limit", limit);
        command.CommandText = sql.ToString();
        return await ReadRows(command, cancellationToken);
    }

    public async IAsyncEnumerable<DossierIndexRow> ReadForReportAsync(string province, IReadOnlyCollection<string>? handlingAgencies,
        IReadOnlyCollection<string>? receivingDesks, DateTimeOffset arrivedBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Unit codes are upper-case letters, digits and dots: no LIKE wildcard can hide in a province code.
        if (!Contracts.Catalog.ProvinceCodes.IsProvinceCode(province))
        {
            throw new ArgumentException("Not a province code.", nameof(province));
        }

        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM dvc_dossier_index WHERE COALESCE(submitted_at_ms, received_at_ms) < @before");
        Add(command, "before", arrivedBefore.ToUnixTimeMilliseconds());
        var scopes = new List<string>();
        foreach (var (column, codes) in new[] { ("handling_agency", handlingAgencies), ("receiving_desk", receivingDesks) })
        {
            if (codes is { Count: > 0 })
            {
                var names = codes.Select((code, i) =>
                {
                    var name = $"{column[..1]}{i}";
                    Add(command, name, code);
                    return "@" + name;
                });
                scopes.Add($"{column} IN ({string.Join(", ", names)})");
            }
        }

        if (handlingAgencies is not null || receivingDesks is not null)
        {
            sql.Append(" AND (").Append(scopes.Count == 0 ? "1 = 0" : string.Join(" OR ", scopes)).Append(')');
        }

        // Every report is of one province: a dossier belongs to the province of the desk that received it.
        sql.Append(" AND (receiving_desk = @province OR receiving_desk LIKE @province_units)");
        Add(command, "province", province);
        Add(command, "province_units", province + ".%");

        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }

    public async IAsyncEnumerable<DossierIndexRow> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dvc_dossier_index";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }
}
