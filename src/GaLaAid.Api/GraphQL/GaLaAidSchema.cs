using GaLaAid.Api.Accounts;
using GaLaAid.Api.Audit;
using GaLaAid.Api.Categories;
using GaLaAid.Api.Disbursements;
using GaLaAid.Api.Donations;
using GaLaAid.Api.Donors;
using GaLaAid.Api.Funds;
using GaLaAid.Api.Handovers;
using GaLaAid.Api.Labels;
using GaLaAid.Api.Pledges;
using GaLaAid.Api.Recipients;
using GaLaAid.Api.Reports;
using GaLaAid.Api.Stock;
using GraphQL.Types;

namespace GaLaAid.Api.GraphQL;

/// <summary>The root query: each feature adds its own fields.</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Everything GaLaAid can tell: donors, funds, donations, stock, recipients, handovers, disbursements, pledges and the audit trail.";
        this.AddNodeQueries();
        this.AddAccountQueries();
        this.AddDonorQueries();
        this.AddFundQueries();
        this.AddCategoryQueries();
        this.AddRecipientQueries();
        this.AddDonationQueries();
        this.AddStockQueries();
        this.AddPledgeQueries();
        this.AddHandoverQueries();
        this.AddDisbursementQueries();
        this.AddLabelPrintQueries();
        this.AddAuditQueries();
        this.AddReconciliationQueries();
        this.AddPledgeFulfilmentQueries();
        this.AddHouseholdCoverageQueries();
    }
}

/// <summary>The root mutation: each use case adds its own field.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Every write. Each appends to the ledger in one transaction, or returns errors and writes nothing.";
        this.AddCreateDonor();
        this.AddCreateFund();
        this.AddCreateCategory();
        this.AddCreateRecipient();
        this.AddRecordPledge();
        this.AddRecordCashDonation();
        this.AddRecordInKindDonation();
        this.AddRecordHandover();
        this.AddRecordDisbursement();
        this.AddAdjustStock();
        this.AddVoidAndReissueLabel();
        this.AddAdjustFund();
        this.AddReverseStockEntry();
        this.AddReverseFundEntry();
        this.AddCreateUser();
        this.AddSetUserPin();
        this.AddCreateApiKey();
        this.AddRevokeApiKey();
    }
}

public sealed class GaLaAidSchema : Schema
{
    public GaLaAidSchema(IServiceProvider services)
        : base(services)
    {
        Description = "GaLaAid: the aid ledger of a village relief work team.";
        Query = new QueryType();
        Mutation = new MutationType();
        RegisterType(typeof(ValidationErrorType));
        RegisterType(typeof(InvalidIdErrorType));
        RegisterType(typeof(NotFoundErrorType));
        RegisterType(typeof(InsufficientStockErrorType));
        RegisterType(typeof(FundOverdrawnErrorType));
        RegisterType(typeof(ReversalRefusedErrorType));
        RegisterType(typeof(IdempotencyKeyReusedErrorType));
    }
}
