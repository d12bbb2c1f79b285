// Fleet alerts: repair clocks, fleet operational fraction and security events, sent by webhook and e-mail.
export { AlertMonitor, type AlertMonitorOptions, type RaiseSecurity } from './alert-monitor';
export { AlertsConfig, loadAlertsFile, parseAlertsConfig } from './alerts-config';
export { evaluateAlerts, incidentIdOf, type Alert, type AlertTrigger } from './evaluate-alerts';
export { SecurityEvent } from './security-alert';
