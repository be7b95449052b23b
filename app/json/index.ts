export { bytesToSdkJson, decodeBase64, fromSdkJson, jsonName, sdkJsonStringify, sdkJsonToBytes, SdkJsonError, toSdkJson } from "./sdk-json";
export { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from "./well-known";
