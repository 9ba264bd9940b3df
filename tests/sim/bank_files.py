# Bank statements the simulator "receives": the same credit lines written as
# CSV, CAMT.053 or BAI2 (shaped like the real files in doc/cash-application.md
# and the payments plugin's fixtures), with their control totals right.
from xml.sax.saxutils import escape


def _amount(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def csv_file(lines):
    out = ["entry_ref,date,amount,currency,reference,payer,method"]
    for ln in lines:
        out.append(f"{ln['ref']},{ln['date']},{_amount(ln['amount'])},USD,{ln['text']},"
                   f"{ln['payer']},{ln['method']}")
    return "\n".join(out) + "\n"


def camt053_file(lines, stmt_id, day):
    entries = []
    for ln in lines:
        entries.append(f"""      <Ntry>
        <Amt Ccy="USD">{_amount(ln['amount'])}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{ln['date']}</Dt></BookgDt>
        <ValDt><Dt>{ln['date']}</Dt></ValDt>
        <AcctSvcrRef>{ln['ref']}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <Amt Ccy="USD">{_amount(ln['amount'])}</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties><Dbtr><Pty><Nm>{escape(ln['payer'])}</Nm></Pty></Dbtr></RltdPties>
            <RmtInf><Ustrd>{escape(ln['text'])}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>SIM-{stmt_id}</MsgId><CreDtTm>{day}T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>SIM-{stmt_id}</Id>
      <CreDtTm>{day}T06:00:00</CreDtTm>
      <Acct><Id><Othr><Id>000123456789</Id></Othr></Id><Ccy>USD</Ccy></Acct>
{chr(10).join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def bai2_file(lines, file_id, day):
    """One group, one account; 16 records of type 195 (incoming wire)."""
    yymmdd = day[2:4] + day[5:7] + day[8:10]
    details = [f"16,195,{ln['amount']},0,{ln['ref']},,{ln['text']}/" for ln in lines]
    total = sum(ln["amount"] for ln in lines)
    account = ["03,000123456789,USD,010,0,,/"] + details
    account.append(f"49,{total},{len(account) + 1}/")
    group = [f"02,SIMCO,SIMBANK,1,{yymmdd},,USD,2/"] + account
    group.append(f"98,{total},1,{len(group) + 1}/")
    records = [f"01,SIMBANK,SIMCO,{yymmdd},0600,{file_id},80,,2/"] + group
    records.append(f"99,{total},1,{len(records) + 1}/")
    return "\n".join(records) + "\n"


def write(kind, lines, stmt_id, day):
    if kind == "csv":
        return csv_file(lines)
    if kind == "camt053":
        return camt053_file(lines, stmt_id, day)
    return bai2_file(lines, stmt_id, day)
