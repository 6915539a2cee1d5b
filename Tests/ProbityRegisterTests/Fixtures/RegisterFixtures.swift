/// Registers used by the tests, kept as Swift source so that the test
/// target needs no resource declarations.
enum RegisterFixtures {
    /// The register of interests of the One Bromley Local Care Partnership
    /// Board, 23 November 2023, exactly as it appears in seed 003 (lines 45-82):
    /// tab-separated, with its blank lines. Also in
    /// `Examples/registers/lcp-board-2023-11-23.tsv`.
    static let lcpBoard = [
        "Name\tWho do you currently work for\tPosition/ Relationship with ICB\tDeclared Interest\tNature of interest\tValid From\tValid To",
        "Dr Hasib Ur Rub\tBromley GP Alliance\tChair, Bromley GP Alliance Member of SEL ICB Committees\tNon-Financial Professional Interest\tProgramme Director for GP Training in Bromley, Health Education England.\t01/01/2007\t",
        "\t\t\tNon-Financial Personal Interest\tTrustee of World War Muslim Memorial Trust Charity\t12/02/2021\t",
        "\t\t\tFinancial Interest\tBromley GP Alliance is a provider of some health care services across Bromley.\t28/01/2015\t",
        "\t\t\tFinancial Interest\tSelf-employed General Practitioner.\t01/01/2020\t",
        "Dr Angela Bhan\tSouth East London ICB\tPlace Executive Lead for Bromley\tNon-Financial Professional Interest\tUndertake professional appraisals for UKHSA consultants in public health.\t01/07/2022\t",
        "\t\t\tFinancial Interest\tVery occasional assessor for Faculty of Public Health CESR applications for GMC, on behalf of Faculty of Public Health.\t01/07/2022\t",
        "Andrew Bland\tSouth East London ICB\tChief Executive Officer\tIndirect Interest\tPartner is a Primary Care Improvement Manager in North West London ICB (Ealing Place).\t01/11/2011\t",
        "",
        "Councillor Colin Smith\tLondon Borough of Bromley\tLeader of the Council and Co-Chairman of One Bromley Local Care Partnership Board\tAll interests are declared on the London Borough of Bromley register of interests.\t\t\t",
        "Councillor Diane Smith\tLondon Borough of Bromley\tPortfolio Holder for Adult Care and Health\tAll interests are declared on the London Borough of Bromley register of interests.\t\t\t",
        "Dr Andrew Parson\tSouth East London ICB\tOne Bromley Clinical Lead and Co-Chairman of One Bromley Local Care Partnership Board\tFinancial Interest\tThe Chislehurst Partnership - This is a GP partnership which holds an NHS PMS General Practice contract and is a member of the MDC PCN in Bromley. The practice holds a contract from Bromley Health Care for delivery of the Advanced Practitioner Care Practice in Diabetes. The practice is a member of BGPA , a GP federation in Bromley.\t01/07/2022\t",
        "",
        "Dr Andrew Parson\tSouth East London ICB\tOne Bromley Clinical Lead and Co-Chairman of One Bromley Local Care Partnership Board\tFinancial Interest\tThe Chislehurst Partnership is a member and shareholder of BGPA .\t01/05/2023\t",
        "\t\t\tIndirect Interest\tFormer spouse is employee of Bromley Y which provides tier 2 CAMHS in Bromley.\t01/07/2022\t",
        "Angela Helleur\tKing's College Hospital NHS Foundation Trust\tInterim Site Chief Executive, Princess Royal University Hospital\tFinancial Interest\tCurrently seconded to role of Site Chief Executive, Princess Royal University Hospital and South Sites\t01/09/2023\t",
        "\t\t\t\tWorks as an expert witness in midwifery claims - legacy cases only\t01/03/2000\t13/11/2023",
        "Avril Baterip\tSouth East London ICB\tCorporate Governance Lead- Bromley\tNo interests declared\t\t\t",
        "",
        "Paulette Coogan\tSouth East London ICB\tDirector of People and Systems Development, Bromley\tNo interests declared\t\t\t",
        "Mark Cheung\tSouth East London ICB\tOne Bromley Programme Director\tNo interests declared\t\t\t",
        "David Harris\tSouth East London ICB\tAssociate Director of Finance - Bromley\tNo interests declared\t\t\t",
        "Iain Dimond\tOxleas NHS Foundation Trust\tMental Health Lead, South East London ICB Executive\tNon-Financial Professional Interest\tSRO for the Complex Care Mental Health Programme Group\t01/10/2023\t",
        "Kim Carey\tLondon Borough of Bromley\tDirector of Adult Services and Chair of the One Bromley Executive\tNo interests declared\t\t\t",
        "Dr Nada Lemic\tLondon Borough of Bromley\tDirector of Public Health\tNo interests declared\t\t\t",
        "David Walker\tBromley Third Sector Enterprise\tChief Executive Officer\tNon-Financial Professional Interest\tWife is Business Manager of a medical software company that supplies PROMs to NHS.\t03/01/2023\t",
        "",
        "Jacqui Scott\tBromley Healthcare\tChief Executive Officer\tNo interests declared\t\t\t",
        "Sean Rafferty\tLondon Borough of Bromley\tJoint Appointee between ICS and LBB; Chair of Bromley Contracts and Procurement Group\tNo interests declared\t\t\t",
        "Helen Simmons\tSt Christopher's Hospice\tChief Executive Member of One Bromley Local Care Partnership Board\tIndirect Interest\tHusband is a Councillor in Southwark and works for Helen Hayes MP.\t\t",
        "Harvey Guntrip\tSouth East London ICB\tLay Member for Bromley\tNo interests declared\t\t\t",
        "Helen Norris\tHealthwatch\tHealthwatch Bromley representative\tNo interests declared\t\t\t",
        "Charlotte Bradford\tHealthwatch\tHealthwatch Bromley representative\tNo interests declared\t\t\t",
        "Gemma Alborough\tSouth East London ICB\tBusiness Support Lead – Bromley\tNo interests declared\t\t\t",
        "",
        "Dr Claire Riley\tOrpington PCN\tOrpington PCN Clinical Director and GP\tFinancial Interest\tGP Partner at Green Street Green Medical Centre, practice is member of Orpington PCN.\t01/01/2013\t",
        "\t\t\tNon-financial professional interest\tClinical Director Orpington PCN.\t01/11/2022\t",
        "\t\t\tIndirect Interest\tSpouse is Associate Director of Wilkinson Eyre Architecture firm who occasionally tender for public building design in the healthcare sector.\t04/10/2009\t",
    ].joined(separator: "\n") + "\n"

    /// `acceptance/registers/sample-board.csv`, a comma-separated register
    /// with quoted fields, mixed date forms and accented names.
    static let sampleBoard = [
        "Name,Who do you currently work for,Position/ Relationship with ICB,Declared Interest,Nature of interest,Valid From,Valid To",
        "Mrs Priya Natarajan,South East London ICB,Associate Director of Commissioning,Financial Interest,\"Shareholder and non-executive director, Riverside Home Care Ltd\",01/04/2019,",
        ",,,Non-Financial Personal Interest,Trustee of a local carers charity,12/06/2020,",
        "Tomás Ó Briain,South East London ICB,Non-executive member,Indirect Interest,\"Spouse is a registered manager at Riverside Home Care Ltd, Bromley branch\",2022-09-01,",
        "Dr Kemi Adeyemi,Bromley GP Alliance,Clinical Director,Non-Financial Professional Interest,Clinical adviser to the Riverside Home Care Ltd quality board (unpaid),01/01/2023,",
        "Mr Graham Ellis,London Borough of Bromley,Head of Finance,Financial Interest,\"Director, Riverside Home Care Ltd\",01/01/2015,31/12/2021",
        "Ms Sarah Whitfield,South East London ICB,Head of Contracting,Financial Interest,Consultancy work for Riverside Home Care Ltd,01/06/2024,",
        "Prof Daniel Okafor,King's College London,Professor of Primary Care,No interests declared,,,",
    ].joined(separator: "\n") + "\n"
}
