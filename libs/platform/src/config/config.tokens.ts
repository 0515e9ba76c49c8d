/** DI token of the service's typed config (a BaseConfig extended by the service). */
export const APP_CONFIG = Symbol('APP_CONFIG');
