import secureJson from 'secure-json-parse';
import {
  exceedsJsonDepth,
  jsonTextMayHoldUnstorableText,
  jsonTooDeeplyNested,
  MAX_JSON_DEPTH,
  notValidJson,
  unstorableTextError,
  unstorableTextField,
  type AgentReport,
} from '@clusterplane/contracts';
import { AgentReportValidator } from './agent-report-validator';

/**
 * Turns an agent report's body, as the agent sent it, into a report, with the checks and the
 * answers every other JSON body gets at the gateway: nesting bounded before parsing, `__proto__`
 * and `constructor` poisoning refused, no text Postgres cannot store, then the contract. The
 * gateway forwards agent bodies unparsed; the status service parses each once, here.
 */
export class AgentReportBodyParser {
  private readonly validator = new AgentReportValidator();
  private readonly decoder = new TextDecoder();

  /** The report `body` holds (UTF-8 JSON), or throws the `invalid_argument` AppError the agent is answered with. */
  parse(body: Uint8Array): AgentReport {
    const text = this.decoder.decode(body);
    if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) throw jsonTooDeeplyNested();
    let value: unknown;
    try {
      value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      throw notValidJson();
    }
    if (jsonTextMayHoldUnstorableText(text)) {
      const field = unstorableTextField(value);
      if (field !== null) throw unstorableTextError('body', field);
    }
    return this.validator.parse(value);
  }
}
